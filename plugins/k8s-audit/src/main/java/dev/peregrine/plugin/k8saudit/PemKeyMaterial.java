package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.PluginException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Builds the webhook's server TLS context from one PEM file holding the certificate chain and the
 * private key (PKCS#8 {@code PRIVATE KEY} with an RSA, EC or EdDSA key, PKCS#1
 * {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}), as upstream's {@code sslCertificate}
 * setting expects; and reads CA bundles for client certificates.
 */
final class PemKeyMaterial {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final char[] NO_PASSWORD = new char[0];

    private PemKeyMaterial() {
    }

    /** The server context for {@code pemFile}, checking client certificates with {@code trust} (null: none asked). */
    static SSLContext serverContext(Path pemFile, TrustManager[] trust) throws PluginException {
        String text;
        try {
            text = Files.readString(pemFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new PluginException(K8sAuditPlugin.NAME + ": cannot read sslCertificate " + pemFile + ": " + e.getMessage(), e);
        }
        List<Certificate> chain = new ArrayList<>();
        PrivateKey key = null;
        byte[] curveParameters = null;
        byte[] sec1 = null;
        try {
            CertificateFactory certificates = CertificateFactory.getInstance("X.509");
            Matcher matcher = BLOCK.matcher(text);
            while (matcher.find()) {
                byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
                switch (matcher.group(1)) {
                    case "CERTIFICATE" -> chain.add(certificates.generateCertificate(new ByteArrayInputStream(der)));
                    case "PRIVATE KEY" -> key = pkcs8(der);
                    case "RSA PRIVATE KEY" -> key = pkcs8(rsaToPkcs8(der));
                    case "EC PRIVATE KEY" -> sec1 = der;
                    case "EC PARAMETERS" -> curveParameters = der;
                    default -> {
                        // Other blocks (parameters, unsupported key formats) are not used.
                    }
                }
            }
            if (key == null && sec1 != null) {
                key = pkcs8(Sec1Keys.toPkcs8(sec1, curveParameters));
            }
            if (chain.isEmpty() || key == null) {
                throw new PluginException(K8sAuditPlugin.NAME + ": sslCertificate " + pemFile
                        + " must hold a CERTIFICATE and a PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("webhook", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(store, NO_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), trust, null);
            return context;
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new PluginException(K8sAuditPlugin.NAME + ": cannot load sslCertificate " + pemFile + ": " + e.getMessage(), e);
        }
    }

    /** The certificates of the PEM CA bundle {@code file} (the {@code webhookClientCA} setting); at least one. */
    static List<X509Certificate> caCertificates(Path file) throws PluginException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new PluginException(K8sAuditPlugin.NAME + ": cannot read webhookClientCA " + file + ": " + e.getMessage(), e);
        }
        List<X509Certificate> cas = new ArrayList<>();
        try {
            CertificateFactory certificates = CertificateFactory.getInstance("X.509");
            Matcher matcher = BLOCK.matcher(text);
            while (matcher.find()) {
                if (matcher.group(1).equals("CERTIFICATE")) {
                    byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
                    cas.add((X509Certificate) certificates.generateCertificate(new ByteArrayInputStream(der)));
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new PluginException(K8sAuditPlugin.NAME + ": cannot load webhookClientCA " + file + ": " + e.getMessage(), e);
        }
        if (cas.isEmpty()) {
            throw new PluginException(K8sAuditPlugin.NAME + ": webhookClientCA " + file + " holds no CERTIFICATE block");
        }
        return List.copyOf(cas);
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Wraps a PKCS#1 RSA key into a PKCS#8 structure with the rsaEncryption algorithm. */
    private static byte[] rsaToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] version = {Der.INTEGER, 0x01, 0x00};
        return Der.element(Der.SEQUENCE, version, algorithm, Der.element(Der.OCTET_STRING, pkcs1));
    }
}
