package dev.peregrine.platform.output;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * Compact JSON writing with the escaping Falco's alerts use: quotes, backslashes and control characters
 * are escaped ({@code \n}, {@code \u0001}), everything else (including non-ASCII) is written raw.
 */
public final class JsonText {

    private JsonText() {
    }

    /** Appends {@code value} as a JSON string literal. */
    public static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Appends any supported value: null, Boolean, integral and floating numbers, String, collections, maps. */
    public static void value(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b);
            case Double d -> out.append(decimal(d));
            case Float f -> out.append(decimal(f.doubleValue()));
            case Number n -> out.append(n);
            case String s -> string(out, s);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, String.valueOf(e.getKey()));
                    out.append(':');
                    value(out, e.getValue());
                }
                out.append('}');
            }
            case Collection<?> list -> {
                out.append('[');
                boolean first = true;
                for (Object item : list) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    value(out, item);
                }
                out.append(']');
            }
            default -> string(out, value.toString());
        }
    }

    /** Shortest round-trip decimal without exponent ({@code 1846.4}, {@code 0.0}). */
    static String decimal(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "null";
        }
        String shortest = Double.toString(d);
        if (shortest.indexOf('E') < 0) {
            return shortest;
        }
        String plain = new BigDecimal(shortest).toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
}
