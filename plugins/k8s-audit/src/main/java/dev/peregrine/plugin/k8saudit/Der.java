package dev.peregrine.plugin.k8saudit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** The few DER (ASN.1) pieces needed to re-wrap private keys: read one element, write one. */
final class Der {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    private Der() {
    }

    /** One element of {@code bytes}: its tag, and where its content starts and ends. */
    record Element(int tag, int start, int end) {
    }

    /** The element starting at {@code offset} of {@code bytes}, which must lie inside {@code limit}. */
    static Element read(byte[] bytes, int offset, int limit) throws IOException {
        if (offset + 2 > limit) {
            throw new IOException("truncated DER element");
        }
        int tag = bytes[offset] & 0xff;
        int first = bytes[offset + 1] & 0xff;
        int position = offset + 2;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7f;
            if (count == 0 || count > 3 || position + count > limit) {
                throw new IOException("unsupported DER length");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (bytes[position++] & 0xff);
            }
        }
        if (position + length > limit) {
            throw new IOException("DER element longer than its container");
        }
        return new Element(tag, position, (int) (position + length));
    }

    /** Writes {@code tag}, the length of {@code content} and the content. */
    static void write(ByteArrayOutputStream out, int tag, byte[] content) {
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write((length >> 8) & 0xff);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
    }

    /** {@code tag} wrapped around {@code content}. */
    static byte[] element(int tag, byte[]... content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : content) {
            body.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, tag, body.toByteArray());
        return out.toByteArray();
    }
}
