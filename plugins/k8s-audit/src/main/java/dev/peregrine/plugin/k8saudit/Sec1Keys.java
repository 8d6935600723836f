package dev.peregrine.plugin.k8saudit;

import java.io.IOException;
import java.util.Arrays;

/**
 * Turns a SEC1 {@code EC PRIVATE KEY} (what {@code openssl ecparam -genkey} writes) into the
 * PKCS#8 form the JDK's key factory reads, taking the named curve from the key itself or from an
 * {@code EC PARAMETERS} block beside it.
 */
final class Sec1Keys {

    /** id-ecPublicKey, 1.2.840.10045.2.1, as a complete DER element. */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    /** Context tag [0] (constructed) of the SEC1 parameters. */
    private static final int PARAMETERS = 0xa0;

    private Sec1Keys() {
    }

    /**
     * The PKCS#8 encoding of {@code sec1}.
     *
     * @param parameters the DER of an {@code EC PARAMETERS} block (a named-curve OID), or null
     * @throws IOException when the key is not SEC1 or names no curve
     */
    static byte[] toPkcs8(byte[] sec1, byte[] parameters) throws IOException {
        Der.Element key = Der.read(sec1, 0, sec1.length);
        if (key.tag() != Der.SEQUENCE) {
            throw new IOException("EC PRIVATE KEY is not a DER sequence");
        }
        byte[] curve = null;
        int position = key.start();
        while (position < key.end()) {
            Der.Element element = Der.read(sec1, position, key.end());
            if (element.tag() == PARAMETERS) {
                Der.Element oid = Der.read(sec1, element.start(), element.end());
                if (oid.tag() != Der.OID) {
                    throw new IOException("EC PRIVATE KEY gives explicit curve parameters; only named curves are supported");
                }
                curve = Arrays.copyOfRange(sec1, element.start(), oid.end());
            }
            position = element.end();
        }
        if (curve == null && parameters != null) {
            Der.Element oid = Der.read(parameters, 0, parameters.length);
            if (oid.tag() == Der.OID) {
                curve = Arrays.copyOfRange(parameters, 0, oid.end());
            }
        }
        if (curve == null) {
            throw new IOException("EC PRIVATE KEY names no curve (add its EC PARAMETERS block)");
        }
        byte[] version = {Der.INTEGER, 0x01, 0x00};
        return Der.element(Der.SEQUENCE, version, Der.element(Der.SEQUENCE, EC_PUBLIC_KEY, curve),
                Der.element(Der.OCTET_STRING, sec1));
    }
}
