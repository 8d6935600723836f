package dev.peregrine.plugin.k8saudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.api.testing.RecordingBatch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook source over real sockets on 127.0.0.1 with the JDK's HTTP client. */
class WebhookSourceTest {

    private static final String EVENT = "{\"kind\":\"Event\",\"auditID\":\"%s\",\"stageTimestamp\":\"2018-10-25T14:09:12Z\"}";

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    private static WebhookStream open(PluginInstance instance, String scheme) throws PluginException {
        return (WebhookStream) instance.open(scheme + "://127.0.0.1:0/k8s-audit");
    }

    private static HttpResponse<String> post(HttpClient client, String url, String contentType, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> drain(WebhookStream stream, int expected) throws PluginException {
        List<String> texts = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (texts.size() < expected && System.nanoTime() < deadline) {
            RecordingBatch batch = new RecordingBatch(128);
            stream.nextBatch(batch);
            texts.addAll(batch.texts());
        }
        return texts;
    }

    @Test
    void eventListsPostedAsTheApiServerDoesBecomeEventsInOrder() throws Exception {
        PluginInstance instance = new K8sAuditPlugin().init(null, "");
        try (WebhookStream stream = open(instance, "http")) {
            String url = "http://127.0.0.1:" + stream.port() + "/k8s-audit";
            String list = "{\"kind\":\"EventList\",\"items\":[" + EVENT.formatted("a") + "," + EVENT.formatted("b") + "]}";
            HttpResponse<String> ok = post(client, url, "application/json", list);
            assertEquals(200, ok.statusCode());
            assertEquals("", ok.body());
            assertEquals(List.of(EVENT.formatted("a"), EVENT.formatted("b")), drain(stream, 2));
            assertEquals(BatchStatus.TIMEOUT, stream.nextBatch(new RecordingBatch(10)));
        }
    }

    @Test
    void badRequestsGetUpstreamStatusCodesAndTheServerKeepsServing() throws Exception {
        PluginInstance instance = new K8sAuditPlugin().init(null, "{\"webhookMaxBatchSize\":200}");
        try (WebhookStream stream = open(instance, "http")) {
            String url = "http://127.0.0.1:" + stream.port() + "/k8s-audit";
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, get.statusCode());
            assertEquals("GET method not allowed", get.body());
            HttpResponse<String> type = post(client, url, "text/plain", EVENT.formatted("x"));
            assertEquals(400, type.statusCode());
            assertEquals("wrong Content Type", type.body());
            HttpResponse<String> large = post(client, url, "application/json", "[" + (EVENT.formatted("y") + ",").repeat(5) + "1]");
            assertEquals(400, large.statusCode());
            assertEquals("bad request: http: request body too large", large.body());
            assertEquals(404, post(client, url + "/other", "application/json", "{}").statusCode());
            // Malformed JSON is acknowledged and dropped after parsing, as upstream does.
            assertEquals(200, post(client, url, "application/json", "{not json").statusCode());
            assertEquals(200, post(client, url, "application/json; charset=utf-8", EVENT.formatted("z")).statusCode());
            assertEquals(List.of(EVENT.formatted("z")), drain(stream, 1));
            assertEquals(4, stream.rejected());
        }
    }

    @Test
    void concurrentPostersLoseNoAcknowledgedEvent() throws Exception {
        PluginInstance instance = new K8sAuditPlugin().init(null, "");
        int posters = 8;
        int perPoster = 40;
        try (WebhookStream stream = open(instance, "http")) {
            String url = "http://127.0.0.1:" + stream.port() + "/k8s-audit";
            ExecutorService pool = Executors.newFixedThreadPool(posters);
            List<Future<Integer>> results = new ArrayList<>();
            for (int p = 0; p < posters; p++) {
                int poster = p;
                results.add(pool.submit(() -> {
                    int accepted = 0;
                    for (int i = 0; i < perPoster; i++) {
                        if (post(client, url, "application/json", EVENT.formatted(poster + "-" + i)).statusCode() == 200) {
                            accepted++;
                        }
                    }
                    return accepted;
                }));
            }
            List<String> received = drain(stream, posters * perPoster);
            int accepted = 0;
            for (Future<Integer> result : results) {
                accepted += result.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(posters * perPoster, accepted);
            Set<String> unique = new HashSet<>(received);
            assertEquals(posters * perPoster, unique.size());
        }
    }

    @Test
    void httpsServesWithThePemFromSslCertificate() throws Exception {
        Path pem = dir.resolve("falco.pem");
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Process openssl;
        try {
            openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException missing) {
            Assumptions.abort("openssl is not installed: cannot create a test certificate");
            return;
        }
        openssl.getInputStream().readAllBytes();
        assertEquals(0, openssl.waitFor());
        Files.writeString(pem, Files.readString(cert) + Files.readString(key));

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("webhook", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        HttpClient httpsClient = HttpClient.newBuilder().sslContext(tls).build();

        PluginInstance instance = new K8sAuditPlugin().init(null, "{\"sslCertificate\":\"" + pem + "\"}");
        try (WebhookStream stream = open(instance, "https")) {
            String url = "https://127.0.0.1:" + stream.port() + "/k8s-audit";
            assertEquals(200, post(httpsClient, url, "application/json", EVENT.formatted("tls")).statusCode());
            assertEquals(List.of(EVENT.formatted("tls")), drain(stream, 1));
        }
    }

    @Test
    void httpsWithoutAPemFileFailsToOpenWithAClearError() {
        PluginInstance instance = new K8sAuditPlugin().init(null, "{\"sslCertificate\":\"" + dir.resolve("none.pem") + "\"}");
        PluginException error = org.junit.jupiter.api.Assertions.assertThrows(PluginException.class, () -> open(instance, "https"));
        assertTrue(error.getMessage().startsWith("k8saudit: cannot read sslCertificate"), error.getMessage());
    }

    @Test
    void aStalledClientDoesNotBlockOtherPostersAndAPortInUseFailsTheOpen() throws Exception {
        PluginInstance instance = new K8sAuditPlugin().init(null, "");
        try (WebhookStream stream = open(instance, "http");
             java.net.Socket stalled = new java.net.Socket("127.0.0.1", stream.port())) {
            stalled.getOutputStream().write(("POST /k8s-audit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"kind\"").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            stalled.getOutputStream().flush();
            String url = "http://127.0.0.1:" + stream.port() + "/k8s-audit";
            assertEquals(200, post(client, url, "application/json", EVENT.formatted("ok")).statusCode());
            assertEquals(List.of(EVENT.formatted("ok")), drain(stream, 1));
            PluginException busy = org.junit.jupiter.api.Assertions.assertThrows(PluginException.class,
                    () -> instance.open("http://127.0.0.1:" + stream.port() + "/k8s-audit"));
            assertTrue(busy.getMessage().startsWith("k8saudit: cannot listen on"), busy.getMessage());
        }
    }

    @Test
    void openParamsGiveHostPortAndPath() throws Exception {
        assertEquals(new OpenTarget.Webhook(false, "", 9765, "/k8s-audit"), OpenTarget.parse("http://:9765/k8s-audit"));
        assertEquals(new OpenTarget.Webhook(true, "::1", 8765, "/a b"), OpenTarget.parse("https://[::1]:8765/a%20b?x=1"));
        assertEquals(new OpenTarget.Watch("/var/log/audit.log"), OpenTarget.parse("file:///var/log/audit.log"));
        assertEquals(new OpenTarget.Replay("/x/y.log"), OpenTarget.parse("  /x/y.log "));
    }
}
