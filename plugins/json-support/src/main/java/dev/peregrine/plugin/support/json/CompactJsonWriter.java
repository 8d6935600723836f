package dev.peregrine.plugin.support.json;

/**
 * Writes a value as compact JSON the way the upstream plugin's JSON library does: no whitespace,
 * members in document order, literals verbatim, and strings quoted as-is unless they contain a
 * quote, a backslash or a control character, in which case Go's quoting rules apply.
 */
public final class CompactJsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CompactJsonWriter() {
    }

    /** The compact text of {@code value}. */
    public static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, JsonValue value) {
        switch (value) {
            case JsonValue.JsonObject object -> {
                out.append('{');
                for (int i = 0; i < object.keys().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    quote(out, object.keys().get(i));
                    out.append(':');
                    append(out, object.values().get(i));
                }
                out.append('}');
            }
            case JsonValue.JsonArray array -> {
                out.append('[');
                for (int i = 0; i < array.elements().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    append(out, array.elements().get(i));
                }
                out.append(']');
            }
            case JsonValue.JsonString string -> quote(out, string.value());
            case JsonValue.JsonLiteral literal -> out.append(literal.text());
        }
    }

    private static void quote(StringBuilder out, String text) {
        if (!needsEscaping(text)) {
            out.append('"').append(text).append('"');
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0b -> out.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean needsEscaping(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                return true;
            }
        }
        return false;
    }
}
