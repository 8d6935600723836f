package dev.peregrine.plugin.k8saudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sslCertificate PEM with EC keys in each form openssl writes, over real TLS handshakes. */
class PemKeyMaterialTest {

    private static final String EVENT = "{\"kind\":\"Event\",\"auditID\":\"ec\",\"stageTimestamp\":\"2018-10-25T14:09:12Z\"}";

    @TempDir
    Path dir;

    /** Writes {@code key.pem} in the named form; returns the PEM file of certificate and key. */
    private Path ecPem(Openssl openssl, String form) throws Exception {
        switch (form) {
            case "sec1-with-parameters" -> openssl.run("ecparam", "-name", "prime256v1", "-genkey", "-out", "key.pem");
            case "sec1" -> openssl.run("ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", "key.pem");
            case "pkcs8" -> openssl.run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem");
            default -> throw new AssertionError(form);
        }
        openssl.run("req", "-x509", "-key", "key.pem", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-out", "cert.pem");
        Path pem = dir.resolve("falco.pem");
        Files.writeString(pem, Files.readString(dir.resolve("cert.pem")) + Files.readString(dir.resolve("key.pem")));
        return pem;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sec1-with-parameters", "sec1", "pkcs8"})
    void anEcKeyServesHttps(String form) throws Exception {
        Openssl openssl = new Openssl(dir);
        Path pem = ecPem(openssl, form);
        String keyText = Files.readString(dir.resolve("key.pem"));
        assertTrue(keyText.contains(form.equals("pkcs8") ? "BEGIN PRIVATE KEY" : "BEGIN EC PRIVATE KEY"), keyText);
        PluginInstance instance = new K8sAuditPlugin().init(null, "{\"sslCertificate\":\"" + pem + "\"}");
        HttpClient client = HttpClient.newBuilder().sslContext(openssl.clientContext("cert.pem", null)).build();
        try (WebhookStream stream = (WebhookStream) instance.open("https://127.0.0.1:0/k8s-audit")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + stream.port() + "/k8s-audit")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(EVENT)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            SSLSession session = response.sslSession().orElseThrow();
            assertEquals("EC", session.getPeerCertificates()[0].getPublicKey().getAlgorithm());
        }
    }

    @Test
    void anEcKeyWithExplicitCurveParametersIsRefusedWithAReason() throws Exception {
        Openssl openssl = new Openssl(dir);
        ecPem(openssl, "sec1");
        openssl.run("ec", "-in", "key.pem", "-param_enc", "explicit", "-out", "explicit.pem");
        Path pem = Files.writeString(dir.resolve("explicit-falco.pem"),
                Files.readString(dir.resolve("cert.pem")) + Files.readString(dir.resolve("explicit.pem")));
        PluginInstance instance = new K8sAuditPlugin().init(null, "{\"sslCertificate\":\"" + pem + "\"}");
        PluginException error = assertThrows(PluginException.class, () -> instance.open("https://127.0.0.1:0/k8s-audit"));
        assertTrue(error.getMessage().contains("only named curves are supported"), error.getMessage());
    }

    @Test
    void aPemWithoutAKeyNamesTheBlocksItNeeds() throws Exception {
        Openssl openssl = new Openssl(dir);
        ecPem(openssl, "pkcs8");
        PluginInstance instance = new K8sAuditPlugin().init(null, "{\"sslCertificate\":\"" + dir.resolve("cert.pem") + "\"}");
        PluginException error = assertThrows(PluginException.class, () -> instance.open("https://127.0.0.1:0/k8s-audit"));
        assertEquals("k8saudit: sslCertificate " + dir.resolve("cert.pem")
                + " must hold a CERTIFICATE and a PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block", error.getMessage());
    }
}
