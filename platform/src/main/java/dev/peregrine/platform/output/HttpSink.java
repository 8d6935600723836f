package dev.peregrine.platform.output;

import dev.peregrine.platform.config.PeregrineConfig;
import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.log.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * {@code http_output}: one POST per alert (falcosidekick compatible), body = the line without newline.
 * Status codes are not errors and are never retried; a transport error logs
 * {@code libcurl failed to perform call: <why>} and drops the alert; a timeout is retried immediately up to
 * {@code max_consecutive_timeouts} times.
 */
public final class HttpSink implements OutputSink {

    private final PeregrineConfig.HttpOutput config;
    private final String contentType;
    private final Log log;
    private final PrintStream echo;
    private final HttpClient client;
    private final URI uri;

    /**
     * @param json true when alerts are JSON (Content-Type application/json)
     * @param echo where response bodies go when {@code echo} is set (our stdout)
     */
    public HttpSink(PeregrineConfig.HttpOutput config, boolean json, Log log, PrintStream echo) {
        this.config = config;
        this.contentType = json ? "application/json" : "text/plain";
        this.log = log;
        this.echo = echo;
        this.uri = URI.create(config.url());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(300))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (uri.getScheme() != null && uri.getScheme().equalsIgnoreCase("https")) {
            builder.sslContext(sslContext());
        }
        this.client = builder.build();
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public void write(String line, Priority priority) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", contentType)
                .header("User-Agent", config.userAgent())
                .POST(HttpRequest.BodyPublishers.ofString(line, StandardCharsets.UTF_8));
        if (config.compressUploads()) {
            request.header("TE", "gzip");
        }
        HttpRequest built = request.build();
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
                if (config.echo()) {
                    synchronized (echo) {
                        echo.print(response.body());
                        echo.flush();
                    }
                }
                return;
            } catch (HttpTimeoutException e) {
                if (attempt >= config.maxConsecutiveTimeouts()) {
                    log.error("libcurl failed to perform call: " + describe(e));
                    return;
                }
            } catch (IOException e) {
                log.error("libcurl failed to perform call: " + describe(e));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        String text = root.getMessage();
        return text == null || text.isEmpty() ? root.getClass().getSimpleName() : text;
    }

    private SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManager[] keys = config.mtls() ? clientKeys() : null;
            TrustManager[] trust = null;
            if (config.insecure()) {
                trust = new TrustManager[] {new TrustEverything()};
            } else {
                Path ca = Path.of(config.caCert());
                if (Files.isRegularFile(ca)) {
                    KeyStore store = KeyStore.getInstance("PKCS12");
                    store.load(null, null);
                    int i = 0;
                    for (Certificate cert : certificates(ca)) {
                        store.setCertificateEntry("ca" + i++, cert);
                    }
                    TrustManagerFactory factory =
                            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    factory.init(store);
                    trust = factory.getTrustManagers();
                }
                // a directory (ca_path, /etc/ssl/certs by default) means the system trust store
            }
            context.init(keys, trust, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot set up TLS for http output: " + e.getMessage(), e);
        }
    }

    private static List<? extends Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
    }

    /** The client certificate chain and PKCS#8 private key (PEM files) for mutual TLS. */
    private KeyManager[] clientKeys() throws IOException, GeneralSecurityException {
        List<? extends Certificate> chain = certificates(Path.of(config.clientCert()));
        String pem = Files.readString(Path.of(config.clientKey()));
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < 0) {
            throw new IllegalArgumentException("client key " + config.clientKey()
                    + " must be an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY)");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        PrivateKey key = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                break;
            } catch (InvalidKeySpecException e) {
                // try the next algorithm
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("unsupported client key type in " + config.clientKey());
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = new char[0];
        store.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    /** {@code insecure: true}: curl's "skip peer verification". */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
