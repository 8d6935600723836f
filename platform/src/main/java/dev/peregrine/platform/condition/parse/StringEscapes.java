package dev.peregrine.platform.condition.parse;

/** Decodes the escapes of a quoted condition string the way Falco does, with Falco's messages. */
final class StringEscapes {
    private StringEscapes() {
    }

    /**
     * Decodes the body of a quoted string.
     *
     * @param text      the whole condition
     * @param start     index of the opening quote
     * @param end       index of the closing quote
     * @return the decoded value; a {@code \xHH} escape yields the char with code HH (a raw byte)
     * @throws IllegalArgumentException with Falco's message for an invalid escape
     */
    static String unescape(String text, int start, int end) {
        char delimiter = text.charAt(start);
        int bodyStart = start + 1;
        if (text.indexOf('\\', bodyStart) < 0 || text.indexOf('\\', bodyStart) >= end) {
            return text.substring(bodyStart, end);
        }
        StringBuilder out = new StringBuilder(end - bodyStart);
        for (int i = bodyStart; i < end; i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            // The scanner guarantees that a quoted body never ends with a lone backslash.
            char e = text.charAt(++i);
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                // Falco keeps accepting "\ " as a backslash for old, wrongly escaped rules.
                case ' ', '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case '"' -> {
                    if (delimiter != '"') {
                        throw new IllegalArgumentException("invalid \\\" escape in '-quoted string");
                    }
                    out.append('"');
                }
                case '\'' -> {
                    if (delimiter != '\'') {
                        throw new IllegalArgumentException("invalid \\' escape in \"-quoted string");
                    }
                    out.append('\'');
                }
                case 'x' -> {
                    if (i + 2 >= end) {
                        throw new IllegalArgumentException("truncated hex char escape sequence");
                    }
                    int hi = Character.digit(text.charAt(i + 1), 16);
                    int lo = Character.digit(text.charAt(i + 2), 16);
                    if (hi < 0 || lo < 0 || !isAsciiHex(text.charAt(i + 1)) || !isAsciiHex(text.charAt(i + 2))) {
                        throw new IllegalArgumentException(
                                "invalid hex char escape sequence: " + text.substring(i + 1, i + 3));
                    }
                    out.append((char) (hi * 16 + lo));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unsupported string escape sequence: \\" + e);
            }
        }
        return out.toString();
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
