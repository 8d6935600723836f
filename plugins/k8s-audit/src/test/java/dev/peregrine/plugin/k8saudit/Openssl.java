package dev.peregrine.plugin.k8saudit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;

/** Makes test keys and certificates with the openssl command, and client TLS contexts from them. */
final class Openssl {

    private final Path dir;

    Openssl(Path dir) {
        this.dir = dir;
    }

    /** Runs openssl in the test directory; skips the test when openssl is not installed. */
    void run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException missing) {
            Assumptions.abort("openssl is not installed: cannot create test certificates");
            return;
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new AssertionError("openssl " + String.join(" ", arguments) + " failed:\n" + output);
        }
    }

    /** A self-signed CA: {@code name}.key and {@code name}.crt. */
    void ca(String name) throws IOException, InterruptedException {
        run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=" + name,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout", name + ".key", "-out", name + ".crt");
    }

    /** An RSA certificate {@code name}.crt with key {@code name}.key, signed by CA {@code ca}. */
    void signed(String name, String ca, String extension) throws IOException, InterruptedException {
        run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout", name + ".key", "-out", name + ".csr");
        Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
        run("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
                "-days", "1", "-extfile", name + ".ext", "-out", name + ".crt");
    }

    /** A server certificate for 127.0.0.1 signed by {@code ca}, with its key, as one PEM file. */
    Path serverPem(String ca) throws IOException, InterruptedException {
        signed("server", ca, "subjectAltName=IP:127.0.0.1");
        Path pem = dir.resolve("server.pem");
        Files.writeString(pem, Files.readString(dir.resolve("server.crt")) + Files.readString(dir.resolve("server.key")));
        return pem;
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    /** A client context trusting {@code caCert}, presenting {@code clientName}.crt/.key when not null. */
    SSLContext clientContext(String caCert, String clientName) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = Files.newInputStream(dir.resolve(caCert))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyManagerFactory keyManagers = null;
        if (clientName != null) {
            run("pkcs12", "-export", "-in", clientName + ".crt", "-inkey", clientName + ".key", "-passout", "pass:test",
                    "-out", clientName + ".p12");
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(dir.resolve(clientName + ".p12"))) {
                keys.load(in, "test".toCharArray());
            }
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, "test".toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : new KeyManager[] {new AlwaysPresent(
                (X509ExtendedKeyManager) keyManagers.getKeyManagers()[0])}, trustManagers.getTrustManagers(), null);
        return context;
    }

    /**
     * Presents the client certificate whatever CAs the server names, as a misconfigured or hostile
     * client would; the JDK's own choice would send no certificate to a server naming another CA.
     */
    private static final class AlwaysPresent extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;

        AlwaysPresent(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return delegate.chooseEngineClientAlias(keyType, null, engine);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, null, socket);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, null);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
