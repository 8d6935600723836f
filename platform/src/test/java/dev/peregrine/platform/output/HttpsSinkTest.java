package dev.peregrine.platform.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.peregrine.platform.config.PeregrineConfig;
import dev.peregrine.platform.engine.Priority;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** http_output over TLS against a real HTTPS server, with certificates made by the openssl tool. */
class HttpsSinkTest {

    @TempDir
    static Path dir;

    private HttpsServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final RecordingLog log = new RecordingLog();

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }

    @BeforeAll
    static void certificates() throws Exception {
        boolean available;
        try {
            available = new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (IOException e) {
            available = false;
        }
        Assumptions.assumeTrue(available, "the openssl tool is not installed; skipping TLS tests");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                "-subj", "/CN=test-ca");
        for (String who : List.of("server", "client")) {
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", who + ".key", "-out", who + ".csr",
                    "-subj", "/CN=" + who);
            Files.writeString(dir.resolve(who + ".ext"), "subjectAltName=IP:127.0.0.1\n");
            openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", who + ".crt", "-days", "2", "-extfile", who + ".ext");
        }
        openssl("pkcs12", "-export", "-in", "server.crt", "-inkey", "server.key", "-out", "server.p12",
                "-passout", "pass:secret");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private String start(boolean needClientAuth) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
            keys.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "secret".toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
            trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                javax.net.ssl.SSLParameters p = context.getDefaultSSLParameters();
                p.setNeedClientAuth(needClientAuth);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private PeregrineConfig.HttpOutput config(String url, boolean insecure, String ca, boolean mtls) {
        return new PeregrineConfig.HttpOutput(true, url, "falcosecurity/falco", insecure, ca, mtls,
                dir.resolve("client.crt").toString(), dir.resolve("client.key").toString(), false, false, false, 5);
    }

    private HttpSink sink(PeregrineConfig.HttpOutput config) {
        return new HttpSink(config, true, log, new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void caCertificateFileIsTrusted() throws Exception {
        String url = start(false);
        sink(config(url, false, dir.resolve("ca.crt").toString(), false)).write("{\"a\":1}", Priority.DEBUG);
        assertEquals(List.of("{\"a\":1}"), bodies);
        assertEquals(List.of(), log.lines);
    }

    @Test
    void unknownServerCertificateFailsUnlessInsecure() throws Exception {
        String url = start(false);
        sink(config(url, false, "/etc/ssl/certs", false)).write("{}", Priority.DEBUG);
        assertEquals(List.of(), bodies);
        assertTrue(log.lines.get(0).startsWith("ERROR libcurl failed to perform call: "), log.lines.toString());
        sink(config(url, true, "", false)).write("{}", Priority.DEBUG);
        assertEquals(List.of("{}"), bodies);
    }

    @Test
    void mutualTlsPresentsTheClientCertificate() throws Exception {
        String url = start(true);
        sink(config(url, false, dir.resolve("ca.crt").toString(), true)).write("{\"m\":1}", Priority.DEBUG);
        assertEquals(List.of("{\"m\":1}"), bodies);
        sink(config(url, false, dir.resolve("ca.crt").toString(), false)).write("{\"m\":2}", Priority.DEBUG);
        assertEquals(List.of("{\"m\":1}"), bodies);
    }
}
