package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.PluginException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The webhook's optional client authentication, read once at init: a CA bundle that client TLS
 * certificates must chain to, and a bearer token requests must carry. Both are off by default.
 */
final class ClientAuth {

    private static final String BEARER = "bearer";

    private final List<X509Certificate> clientCas;
    private final byte[] tokenDigest;

    private ClientAuth(List<X509Certificate> clientCas, byte[] tokenDigest) {
        this.clientCas = clientCas;
        this.tokenDigest = tokenDigest;
    }

    /** No client authentication. */
    static ClientAuth none() {
        return new ClientAuth(List.of(), null);
    }

    /** Reads the CA bundle and token file named by {@code config}; both files must be usable. */
    static ClientAuth load(K8sAuditConfig config) throws PluginException {
        List<X509Certificate> cas = config.webhookClientCA().isEmpty()
                ? List.of()
                : PemKeyMaterial.caCertificates(Path.of(config.webhookClientCA()));
        byte[] digest = config.webhookBearerTokenFile().isEmpty()
                ? null
                : sha256(readToken(Path.of(config.webhookBearerTokenFile())));
        return new ClientAuth(cas, digest);
    }

    private static byte[] readToken(Path file) throws PluginException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new PluginException(K8sAuditPlugin.NAME + ": cannot read webhookBearerTokenFile " + file + ": " + e.getMessage(), e);
        }
        if (text.isEmpty()) {
            throw new PluginException(K8sAuditPlugin.NAME + ": webhookBearerTokenFile " + file + " is empty; it must hold the token");
        }
        if (text.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x21 || c > 0x7e)) {
            throw new PluginException(K8sAuditPlugin.NAME + ": webhookBearerTokenFile " + file
                    + " must hold one token of printable ASCII characters without spaces");
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** True when clients must present a certificate signed by the configured CA. */
    boolean requiresCertificate() {
        return !clientCas.isEmpty();
    }

    /**
     * Whether an {@code Authorization} header value carries the token. Digests of equal length are
     * compared in constant time, so neither the token's content nor its length leaks by timing.
     */
    boolean acceptsAuthorization(String header) {
        if (tokenDigest == null) {
            return true;
        }
        if (header == null) {
            return false;
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).equalsIgnoreCase(BEARER)) {
            return false;
        }
        String token = value.substring(space + 1).strip();
        return MessageDigest.isEqual(tokenDigest, sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** Trust managers checking client certificates against the CA, counting refusals. */
    TrustManager[] trustManagers(Counters counters, ThrottledLog log) throws PluginException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < clientCas.size(); i++) {
                store.setCertificateEntry("client-ca-" + i, clientCas.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return new TrustManager[] {new CountingTrustManager(extended, counters, log)};
                }
            }
            throw new PluginException(K8sAuditPlugin.NAME + ": the JDK offers no X.509 trust manager for webhookClientCA");
        } catch (GeneralSecurityException | IOException e) {
            throw new PluginException(K8sAuditPlugin.NAME + ": cannot use webhookClientCA: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Delegates every check and counts the client certificates it refuses. */
    private static final class CountingTrustManager extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager delegate;
        private final Counters counters;
        private final ThrottledLog log;

        CountingTrustManager(X509ExtendedTrustManager delegate, Counters counters, ThrottledLog log) {
            this.delegate = delegate;
            this.counters = counters;
            this.log = log;
        }

        private void refused(X509Certificate[] chain, CertificateException e) {
            counters.reject(Rejection.CLIENT_CERTIFICATE);
            String subject = chain == null || chain.length == 0 ? "none" : chain[0].getSubjectX500Principal().getName();
            log.warning(Rejection.CLIENT_CERTIFICATE.label(),
                    "refused a webhook client certificate (subject " + subject + "): " + e.getMessage());
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            try {
                delegate.checkClientTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                refused(chain, e);
                throw e;
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            try {
                delegate.checkClientTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                refused(chain, e);
                throw e;
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                delegate.checkClientTrusted(chain, authType);
            } catch (CertificateException e) {
                refused(chain, e);
                throw e;
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
