package dev.peregrine.plugin.k8saudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.api.testing.RecordingBatch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client certificates (mTLS) and bearer tokens on the webhook, with real TLS handshakes. */
class ClientAuthTest {

    private static final String EVENT = "{\"kind\":\"Event\",\"auditID\":\"%s\",\"stageTimestamp\":\"2018-10-25T14:09:12Z\"}";

    @TempDir
    Path dir;

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\") + "\"";
    }

    private static HttpResponse<String> post(HttpClient client, String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> drain(WebhookStream stream, int expected) throws PluginException {
        List<String> texts = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (texts.size() < expected && System.nanoTime() < deadline) {
            RecordingBatch batch = new RecordingBatch(16);
            stream.nextBatch(batch);
            texts.addAll(batch.texts());
        }
        return texts;
    }

    private static HttpClient client(SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    @Test
    void withAClientCaOnlyClientsWithACertificateSignedByItCompleteTheHandshake() throws Exception {
        Openssl openssl = new Openssl(dir);
        openssl.ca("ca");
        openssl.ca("rogue-ca");
        Path serverPem = openssl.serverPem("ca");
        openssl.signed("client", "ca", "extendedKeyUsage=clientAuth");
        openssl.signed("rogue", "rogue-ca", "extendedKeyUsage=clientAuth");
        PluginInstance instance = new K8sAuditPlugin().init(null, "{\"sslCertificate\":" + json(serverPem.toString())
                + ",\"webhookClientCA\":" + json(openssl.path("ca.crt").toString()) + "}");
        try (WebhookStream stream = (WebhookStream) instance.open("https://127.0.0.1:0/k8s-audit")) {
            String url = "https://127.0.0.1:" + stream.port() + "/k8s-audit";
            assertEquals(200, post(client(openssl.clientContext("ca.crt", "client")), url, null, EVENT.formatted("mtls")).statusCode());
            assertEquals(List.of(EVENT.formatted("mtls")), drain(stream, 1));

            HttpClient rogue = client(openssl.clientContext("ca.crt", "rogue"));
            assertThrows(IOException.class, () -> post(rogue, url, null, EVENT.formatted("rogue")));
            HttpClient anonymous = client(openssl.clientContext("ca.crt", null));
            assertThrows(IOException.class, () -> post(anonymous, url, null, EVENT.formatted("anonymous")));
            assertEquals(1, instance.metrics().stream()
                    .filter(m -> m.name().equals("k8saudit.webhook_requests_rejected.client_certificate"))
                    .findFirst().orElseThrow().value());

            // Refused handshakes do not stop the server.
            assertEquals(200, post(client(openssl.clientContext("ca.crt", "client")), url, null, EVENT.formatted("again")).statusCode());
            assertEquals(List.of(EVENT.formatted("again")), drain(stream, 1));
        }
    }

    @Test
    void withATokenFileRequestsWithoutTheBearerTokenGet401AndTheRightTokenIsAccepted() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cr3t-t0ken\n");
        PluginInstance instance = new K8sAuditPlugin().init(null, "{\"webhookBearerTokenFile\":" + json(token.toString()) + "}");
        HttpClient client = HttpClient.newHttpClient();
        try (WebhookStream stream = (WebhookStream) instance.open("http://127.0.0.1:0/k8s-audit")) {
            String url = "http://127.0.0.1:" + stream.port() + "/k8s-audit";
            for (String wrong : new String[] {null, "Bearer nope", "Bearer s3cr3t-t0ke", "Basic czNjcjN0LXQwa2Vu", "s3cr3t-t0ken"}) {
                HttpResponse<String> refused = post(client, url, wrong, EVENT.formatted("x"));
                assertEquals(401, refused.statusCode(), "Authorization: " + wrong);
                assertEquals("Bearer", refused.headers().firstValue("WWW-Authenticate").orElse(""));
            }
            assertEquals(200, post(client, url, "Bearer s3cr3t-t0ken", EVENT.formatted("ok")).statusCode());
            assertEquals(200, post(client, url, "bearer  s3cr3t-t0ken", EVENT.formatted("ok2")).statusCode());
            assertEquals(List.of(EVENT.formatted("ok"), EVENT.formatted("ok2")), drain(stream, 2));
            assertEquals(5, stream.rejected());
        }
    }

    @Test
    void certificateAndTokenTogetherAreBothRequired() throws Exception {
        Openssl openssl = new Openssl(dir);
        openssl.ca("ca");
        Path serverPem = openssl.serverPem("ca");
        openssl.signed("client", "ca", "extendedKeyUsage=clientAuth");
        Path token = Files.writeString(dir.resolve("token"), "abc");
        PluginInstance instance = new K8sAuditPlugin().init(null, "{\"sslCertificate\":" + json(serverPem.toString())
                + ",\"webhookClientCA\":" + json(openssl.path("ca.crt").toString())
                + ",\"webhookBearerTokenFile\":" + json(token.toString()) + "}");
        try (WebhookStream stream = (WebhookStream) instance.open("https://127.0.0.1:0/k8s-audit")) {
            String url = "https://127.0.0.1:" + stream.port() + "/k8s-audit";
            HttpClient client = client(openssl.clientContext("ca.crt", "client"));
            assertEquals(401, post(client, url, null, EVENT.formatted("n")).statusCode());
            assertEquals(200, post(client, url, "Bearer abc", EVENT.formatted("y")).statusCode());
            assertEquals(List.of(EVENT.formatted("y")), drain(stream, 1));
        }
    }

    @Test
    void unusableClientAuthSettingsFailWithSentencesNamingTheSetting() throws Exception {
        Path missing = dir.resolve("missing.pem");
        PluginException noCa = assertThrows(PluginException.class,
                () -> new K8sAuditPlugin().init(null, "{\"webhookClientCA\":" + json(missing.toString()) + "}"));
        assertTrue(noCa.getMessage().startsWith("k8saudit: cannot read webhookClientCA " + missing), noCa.getMessage());

        Path notPem = Files.writeString(dir.resolve("ca.pem"), "hello\n");
        PluginException empty = assertThrows(PluginException.class,
                () -> new K8sAuditPlugin().init(null, "{\"webhookClientCA\":" + json(notPem.toString()) + "}"));
        assertEquals("k8saudit: webhookClientCA " + notPem + " holds no CERTIFICATE block", empty.getMessage());

        Path blank = Files.writeString(dir.resolve("token"), " \n");
        PluginException noToken = assertThrows(PluginException.class,
                () -> new K8sAuditPlugin().init(null, "{\"webhookBearerTokenFile\":" + json(blank.toString()) + "}"));
        assertEquals("k8saudit: webhookBearerTokenFile " + blank + " is empty; it must hold the token", noToken.getMessage());

        Path spaced = Files.writeString(dir.resolve("token2"), "two words\n");
        PluginException twoWords = assertThrows(PluginException.class,
                () -> new K8sAuditPlugin().init(null, "{\"webhookBearerTokenFile\":" + json(spaced.toString()) + "}"));
        assertTrue(twoWords.getMessage().endsWith("must hold one token of printable ASCII characters without spaces"));

        Openssl openssl = new Openssl(dir);
        openssl.ca("ca");
        PluginInstance plain = new K8sAuditPlugin().init(null, "{\"webhookClientCA\":" + json(openssl.path("ca.crt").toString()) + "}");
        PluginException http = assertThrows(PluginException.class, () -> plain.open("http://127.0.0.1:0/k8s-audit"));
        assertEquals("k8saudit: webhookClientCA needs an https:// webhook; client certificates cannot be checked over plain http",
                http.getMessage());
    }

    @Test
    void clientAuthIsOffByDefaultAndTheSchemaDescribesBothSettings() throws Exception {
        assertEquals("", K8sAuditConfig.defaults().webhookClientCA());
        assertEquals("", K8sAuditConfig.defaults().webhookBearerTokenFile());
        K8sAuditConfig config = K8sAuditConfig.parse("{\"webhookClientCA\":\"/ca.pem\",\"webhookBearerTokenFile\":\"/t\"}");
        assertEquals("/ca.pem", config.webhookClientCA());
        assertEquals("/t", config.webhookBearerTokenFile());
        assertTrue(K8sAuditConfig.SCHEMA.contains("\"webhookClientCA\":{\"type\":\"string\""));
        assertTrue(K8sAuditConfig.SCHEMA.contains("\"webhookBearerTokenFile\":{\"type\":\"string\""));
        assertTrue(new ObjectMapperCheck().isJson(K8sAuditConfig.SCHEMA));
    }

    /** Parses with the plugin's own Jackson core: the schema must be one valid JSON document. */
    private static final class ObjectMapperCheck {
        boolean isJson(String text) {
            return new dev.peregrine.plugin.support.json.JsonDocumentParser()
                    .parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).isPresent();
        }
    }
}
