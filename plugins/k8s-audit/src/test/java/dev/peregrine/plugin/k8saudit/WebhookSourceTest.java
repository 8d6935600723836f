package dev.peregrine.plugin.k8saudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.api.testing.RecordingBatch;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

    private static double metric(PluginInstance instance, String name) {
        return instance.metrics().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name)).value();
    }

    private static double rejected(PluginInstance instance, Rejection reason) {
        return metric(instance, "k8saudit.webhook_requests_rejected." + reason.label());
    }

    @Test
    void eachBadRequestGetsItsStatusAndReasonIsCountedByReasonAndTheServerKeepsServing() throws Exception {
        PluginInstance instance = new K8sAuditPlugin().init(null, "{\"webhookMaxBatchSize\":200}");
        try (WebhookStream stream = open(instance, "http")) {
            String url = "http://127.0.0.1:" + stream.port() + "/k8s-audit";
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, get.statusCode());
            assertEquals("GET method not allowed\n", get.body());
            assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
            HttpResponse<String> type = post(client, url, "text/plain", EVENT.formatted("x"));
            assertEquals(400, type.statusCode());
            assertEquals("wrong Content Type\n", type.body());
            HttpResponse<String> large = post(client, url, "application/json", "[" + (EVENT.formatted("y") + ",").repeat(5) + "1]");
            assertEquals(413, large.statusCode());
            assertTrue(large.body().startsWith("request body too large: 358 bytes, the limit is webhookMaxBatchSize=200"),
                    large.body());
            assertEquals(404, post(client, url + "/other", "application/json", "{}").statusCode());
            HttpResponse<String> malformed = post(client, url, "application/json", "{not json");
            assertEquals(400, malformed.statusCode());
            assertTrue(malformed.body().startsWith("malformed JSON: Unexpected character ('n'"), malformed.body());
            assertTrue(malformed.body().endsWith("(line 1, column 2)\n"), malformed.body());
            assertEquals(1, malformed.body().lines().count());
            HttpResponse<String> foreign = post(client, url, "application/json", "{\"kind\":\"Pod\"}");
            assertEquals(400, foreign.statusCode());
            assertEquals(AuditEvents.NOT_RECOGNIZED + "\n", foreign.body());
            assertEquals(200, post(client, url, "application/json; charset=utf-8", EVENT.formatted("z")).statusCode());
            assertEquals(List.of(EVENT.formatted("z")), drain(stream, 1));
            assertEquals(6, stream.rejected());
            assertEquals(1, rejected(instance, Rejection.METHOD_NOT_ALLOWED));
            assertEquals(1, rejected(instance, Rejection.WRONG_CONTENT_TYPE));
            assertEquals(1, rejected(instance, Rejection.BODY_TOO_LARGE));
            assertEquals(1, rejected(instance, Rejection.NOT_FOUND));
            assertEquals(1, rejected(instance, Rejection.MALFORMED_JSON));
            assertEquals(1, rejected(instance, Rejection.NOT_AUDIT_EVENTS));
            assertEquals(6, metric(instance, "k8saudit.webhook_requests_rejected"));
        }
    }

    @Test
    void aChunkedBodyIsCutOffWhenItGrowsPastTheLimit() throws Exception {
        PluginInstance instance = new K8sAuditPlugin().init(null, "{\"webhookMaxBatchSize\":200}");
        try (WebhookStream stream = open(instance, "http")) {
            String url = "http://127.0.0.1:" + stream.port() + "/k8s-audit";
            HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            byte[] big = ("[" + (EVENT.formatted("c") + ",").repeat(8) + "1]").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> chunked = http11.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(413, chunked.statusCode());
            assertTrue(chunked.body().startsWith("request body too large: more than 200 bytes"), chunked.body());
            byte[] small = EVENT.formatted("s").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> fits = http11.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, fits.statusCode());
            assertEquals(List.of(EVENT.formatted("s")), drain(stream, 1));
        }
    }

    /** Sends raw request bytes and returns the status line of the answer. */
    private static String rawStatusLine(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsSentOrAsSoonAsItsChunksPassTheLimit() throws Exception {
        PluginInstance instance = new K8sAuditPlugin().init(null, "{\"webhookMaxBatchSize\":1000}");
        try (WebhookStream stream = open(instance, "http")) {
            // A terabyte announced and nothing sent: the answer comes from the header alone.
            assertEquals("HTTP/1.1 413 Request Entity Too Large", rawStatusLine(stream.port(),
                    "POST /k8s-audit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1000000000000\r\n\r\n"));
            // 2000 bytes in one chunk and the body never finished: the answer comes once the limit is passed.
            assertEquals("HTTP/1.1 413 Request Entity Too Large", rawStatusLine(stream.port(),
                    "POST /k8s-audit HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n7d0\r\n" + "x".repeat(2000) + "\r\n"));
            assertEquals(2, rejected(instance, Rejection.BODY_TOO_LARGE));
            String url = "http://127.0.0.1:" + stream.port() + "/k8s-audit";
            assertEquals(200, post(client, url, "application/json", EVENT.formatted("after")).statusCode());
            assertEquals(List.of(EVENT.formatted("after")), drain(stream, 1));
        }
    }

    @Test
    void aBodyWhoseOnlyEventIsLargerThanMaxEventSizeGets413AndABatchKeepsItsOtherEvents() throws Exception {
        PluginInstance instance = new K8sAuditPlugin().init(null, "{\"maxEventSize\":120}");
        String big = "{\"kind\":\"Event\",\"auditID\":\"big\",\"stageTimestamp\":\"2018-10-25T14:09:12Z\",\"pad\":\""
                + "p".repeat(100) + "\"}";
        try (WebhookStream stream = open(instance, "http")) {
            String url = "http://127.0.0.1:" + stream.port() + "/k8s-audit";
            HttpResponse<String> alone = post(client, url, "application/json", big);
            assertEquals(413, alone.statusCode());
            assertTrue(alone.body().startsWith("event larger than maxEventSize"), alone.body());
            HttpResponse<String> mixed = post(client, url, "application/json",
                    "{\"kind\":\"EventList\",\"items\":[" + big + "," + EVENT.formatted("small") + "]}");
            assertEquals(200, mixed.statusCode());
            assertEquals(List.of(EVENT.formatted("small")), drain(stream, 1));
            assertEquals(1, rejected(instance, Rejection.EVENT_TOO_LARGE));
            assertEquals(2, metric(instance, "k8saudit.events_dropped"));
        }
    }

    @Test
    void repeatedRejectionsOfOneKindAreLoggedOncePerMinuteButAllCounted() throws Exception {
        RecordingLogger logger = new RecordingLogger();
        PluginInstance instance = new K8sAuditPlugin().init(logger, "");
        try (WebhookStream stream = open(instance, "http")) {
            String url = "http://127.0.0.1:" + stream.port() + "/k8s-audit";
            for (int i = 0; i < 20; i++) {
                assertEquals(400, post(client, url, "application/json", "{oops" + i).statusCode());
                assertEquals(404, post(client, url + "x", "application/json", "{}").statusCode());
            }
            assertEquals(20, rejected(instance, Rejection.MALFORMED_JSON));
            assertEquals(20, rejected(instance, Rejection.NOT_FOUND));
            assertEquals(1, logger.count("rejected with 400: malformed JSON"), logger.lines.toString());
            assertEquals(1, logger.count("rejected with 404"), logger.lines.toString());
        }
    }

    @Test
    void concurrentPostersMixingGoodAndBadPostsGetEveryGoodEventDeliveredAndEveryBadPostCounted() throws Exception {
        PluginInstance instance = new K8sAuditPlugin().init(null, "{\"webhookMaxBatchSize\":2000}");
        int posters = 8;
        int rounds = 15;
        try (WebhookStream stream = open(instance, "http")) {
            String url = "http://127.0.0.1:" + stream.port() + "/k8s-audit";
            ExecutorService pool = Executors.newFixedThreadPool(posters);
            List<Future<int[]>> results = new ArrayList<>();
            for (int p = 0; p < posters; p++) {
                int poster = p;
                results.add(pool.submit(() -> {
                    int[] statuses = new int[5];
                    for (int i = 0; i < rounds; i++) {
                        String id = poster + "-" + i;
                        String list = "{\"kind\":\"EventList\",\"items\":[" + EVENT.formatted(id + "a") + ","
                                + EVENT.formatted(id + "b") + "]}";
                        statuses[0] += post(client, url, "application/json", list).statusCode() == 200 ? 1 : 0;
                        statuses[1] += post(client, url, "application/json", "{\"kind\":").statusCode() == 400 ? 1 : 0;
                        statuses[2] += post(client, url, "application/json", "[" + (EVENT.formatted(id) + ",").repeat(30) + "1]")
                                .statusCode() == 413 ? 1 : 0;
                        statuses[3] += post(client, url, "application/json", EVENT.formatted(id + "c")).statusCode() == 200 ? 1 : 0;
                        statuses[4] += post(client, url + "/nope", "application/json", "{}").statusCode() == 404 ? 1 : 0;
                    }
                    return statuses;
                }));
            }
            List<String> received = drain(stream, posters * rounds * 3);
            int[] totals = new int[5];
            for (Future<int[]> result : results) {
                int[] statuses = result.get(60, TimeUnit.SECONDS);
                for (int i = 0; i < totals.length; i++) {
                    totals[i] += statuses[i];
                }
            }
            pool.shutdown();
            for (int total : totals) {
                assertEquals(posters * rounds, total);
            }
            Set<String> expected = new HashSet<>();
            for (int p = 0; p < posters; p++) {
                for (int i = 0; i < rounds; i++) {
                    for (String suffix : new String[] {"a", "b", "c"}) {
                        expected.add(EVENT.formatted(p + "-" + i + suffix));
                    }
                }
            }
            assertEquals(expected, new HashSet<>(received));
            assertEquals(expected.size(), received.size());
            assertEquals(posters * rounds, rejected(instance, Rejection.MALFORMED_JSON));
            assertEquals(posters * rounds, rejected(instance, Rejection.BODY_TOO_LARGE));
            assertEquals(posters * rounds, rejected(instance, Rejection.NOT_FOUND));
            assertEquals(3 * posters * rounds, stream.rejected());
        }
    }

    @Test
    void queuedEventsAreBoundedSoAPosterWaitsForTheHostBeforeItsAcknowledgement() throws Exception {
        PluginInstance instance = new K8sAuditPlugin().init(null, "");
        try (WebhookStream stream = open(instance, "http")) {
            String url = "http://127.0.0.1:" + stream.port() + "/k8s-audit";
            StringBuilder items = new StringBuilder();
            for (int i = 0; i < WebhookStream.MAX_QUEUED_EVENTS; i++) {
                items.append(i == 0 ? "" : ",").append(EVENT.formatted("full-" + i));
            }
            assertEquals(200, post(client, url, "application/json", "{\"kind\":\"EventList\",\"items\":[" + items + "]}").statusCode());
            var waiting = client.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(EVENT.formatted("next"))).build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500);
            assertTrue(!waiting.isDone(), "acknowledged while the event budget was used up");
            List<String> received = drain(stream, WebhookStream.MAX_QUEUED_EVENTS + 1);
            assertEquals(200, waiting.get(10, TimeUnit.SECONDS).statusCode());
            assertEquals(WebhookStream.MAX_QUEUED_EVENTS + 1, received.size());
            assertEquals(EVENT.formatted("next"), received.get(received.size() - 1));
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
    void httpsWithoutAPemFileFailsToOpenWithAClearError() throws Exception {
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
