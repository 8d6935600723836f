package dev.peregrine.platform.condition.eval;

/** Byte-semantics helpers over Java strings and byte arrays, free of allocation. */
final class Texts {

    static final byte[] EMPTY = new byte[0];

    private Texts() {
    }

    /**
     * Compares two strings in UTF-8 byte order. UTF-16 order differs only where a surrogate
     * (a supplementary character, 4 UTF-8 bytes starting 0xF0) meets a character at or above
     * U+E000 (3 bytes starting at most 0xEF): the supplementary one sorts last in bytes.
     */
    static int compareAsUtf8(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean xSurrogate = Character.isSurrogate(x);
                boolean ySurrogate = Character.isSurrogate(y);
                if (xSurrogate != ySurrogate && Math.max(x, y) >= 0xD800) {
                    return xSurrogate ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    static char toLowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    static char toUpperAscii(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
    }

    /** Index of {@code part} in {@code text}, folding ASCII letters only, or -1. */
    static int indexOfIgnoreAsciiCase(String text, String part) {
        int last = text.length() - part.length();
        outer:
        for (int start = 0; start <= last; start++) {
            for (int k = 0; k < part.length(); k++) {
                if (toLowerAscii(text.charAt(start + k)) != toLowerAscii(part.charAt(k))) {
                    continue outer;
                }
            }
            return start;
        }
        return -1;
    }

    /** Index of the first {@code partLength} bytes of {@code part} in {@code data}, or -1. */
    static int indexOf(byte[] data, int dataLength, byte[] part, int partLength) {
        int last = dataLength - partLength;
        outer:
        for (int start = 0; start <= last; start++) {
            for (int k = 0; k < partLength; k++) {
                if (data[start + k] != part[k]) {
                    continue outer;
                }
            }
            return start;
        }
        return -1;
    }

    /** Number of bytes of the UTF-8 encoding of {@code text}. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
