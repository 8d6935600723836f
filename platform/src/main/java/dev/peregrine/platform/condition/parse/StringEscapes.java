package dev.peregrine.platform.condition.parse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes the escapes of a quoted condition string the way Falco does, with Falco's messages. */
final class StringEscapes {
    private StringEscapes() {
    }

    /**
     * Decodes the body of a quoted string.
     *
     * @param text  the whole condition
     * @param start index of the opening quote
     * @param end   index of the closing quote
     * @return the decoded value. Falco compares bytes, and a {@code \xHH} escape stands for one raw
     *         byte: when the escaped bytes together with the UTF-8 of the other characters form
     *         valid UTF-8 the value is that text (so {@code "\xc3\xa9"} equals {@code "é"});
     *         otherwise each escaped byte becomes the char with the same code (U+0000..U+00FF)
     * @throws IllegalArgumentException with Falco's message for an invalid escape
     */
    static String unescape(String text, int start, int end) {
        int firstEscape = text.indexOf('\\', start + 1);
        if (firstEscape < 0 || firstEscape >= end) {
            return text.substring(start + 1, end);
        }
        char delimiter = text.charAt(start);
        StringBuilder chars = new StringBuilder(end - start);
        ByteArrayOutputStream bytes = null;
        int plainFrom = start + 1;
        for (int i = start + 1; i < end; i++) {
            if (text.charAt(i) != '\\') {
                continue;
            }
            String plain = text.substring(plainFrom, i);
            chars.append(plain);
            if (bytes != null) {
                writeUtf8(bytes, plain);
            }
            // The scanner guarantees that a quoted body never ends with a lone backslash.
            char e = text.charAt(++i);
            if (e == 'x') {
                int value = hexByte(text, i, end);
                if (bytes == null) {
                    bytes = new ByteArrayOutputStream(end - start);
                    writeUtf8(bytes, chars.toString());
                }
                bytes.write(value);
                chars.append((char) value);
                i += 2;
            } else {
                char c = simpleEscape(e, delimiter);
                chars.append(c);
                if (bytes != null) {
                    writeUtf8(bytes, String.valueOf(c));
                }
            }
            plainFrom = i + 1;
        }
        String tail = text.substring(plainFrom, end);
        chars.append(tail);
        if (bytes == null) {
            return chars.toString();
        }
        writeUtf8(bytes, tail);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return chars.toString();
        }
    }

    private static char simpleEscape(char e, char delimiter) {
        return switch (e) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            // Falco keeps accepting "\ " as a backslash for old, wrongly escaped rules.
            case ' ', '\\' -> '\\';
            case '/' -> '/';
            case '"' -> {
                if (delimiter != '"') {
                    throw new IllegalArgumentException("invalid \\\" escape in '-quoted string");
                }
                yield '"';
            }
            case '\'' -> {
                if (delimiter != '\'') {
                    throw new IllegalArgumentException("invalid \\' escape in \"-quoted string");
                }
                yield '\'';
            }
            default -> throw new IllegalArgumentException("unsupported string escape sequence: \\" + e);
        };
    }

    /** The byte of {@code \xHH} whose 'x' is at {@code x}. */
    private static int hexByte(String text, int x, int end) {
        if (x + 2 >= end) {
            throw new IllegalArgumentException("truncated hex char escape sequence");
        }
        char hi = text.charAt(x + 1);
        char lo = text.charAt(x + 2);
        if (!isAsciiHex(hi) || !isAsciiHex(lo)) {
            throw new IllegalArgumentException("invalid hex char escape sequence: " + hi + lo);
        }
        return Character.digit(hi, 16) * 16 + Character.digit(lo, 16);
    }

    private static void writeUtf8(ByteArrayOutputStream out, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
