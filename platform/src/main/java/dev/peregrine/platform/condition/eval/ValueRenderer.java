package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Renders extracted values as Falco prints them: text for output messages (§5.2) and typed
 * values for JSON {@code output_fields}. Time fields that print as dates render in their own
 * extractor, not here.
 */
public final class ValueRenderer {

    /** Text printed for a missing value. */
    public static final String MISSING = "<NA>";

    /**
     * Appends the text form: strings raw, integers in decimal (unsigned types as unsigned), bools
     * {@code true}/{@code false}, doubles with one decimal, IPv4 dotted, IPv6 like inet_ntop,
     * networks {@code <IPNET>} as libsinsp prints them, buffers with non-printable bytes as
     * {@code .}, and lists as {@code (a,b,c)}.
     */
    public void appendText(FieldType type, boolean list, ValueBuffer values, StringBuilder out) {
        if (list) {
            out.append('(');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                appendOne(type, values, i, out);
            }
            out.append(')');
            return;
        }
        if (values.isEmpty()) {
            out.append(MISSING);
            return;
        }
        appendOne(type, values, 0, out);
    }

    /**
     * Extracts {@code operand} from {@code event} into {@code scratch} and appends its text, or
     * {@link #MISSING} when it has no value (a missing list prints {@code <NA>}, an empty one {@code ()}).
     */
    public void appendExtracted(CompiledOperand operand, Event event, ValueBuffer scratch, StringBuilder out) {
        if (operand.extract(event, scratch)) {
            appendText(operand.type(), operand.list(), scratch, out);
        } else {
            out.append(MISSING);
        }
    }

    /** Extracts {@code operand} from {@code event} and returns its JSON form, or null when it has no value. */
    public Object extractJson(CompiledOperand operand, Event event, ValueBuffer scratch) {
        return operand.extract(event, scratch) ? json(operand.type(), operand.list(), scratch) : null;
    }

    /** The text form of the operand's values ({@link #appendText}). */
    public String text(CompiledOperand operand, ValueBuffer values) {
        StringBuilder out = new StringBuilder();
        appendText(operand.type(), operand.list(), values, out);
        return out.toString();
    }

    /**
     * The JSON form: {@link Long} for integers (uint64 above {@link Long#MAX_VALUE} as
     * {@link java.math.BigInteger}), {@link Double}, {@link Boolean}, {@link String} for text,
     * addresses and buffers, an unmodifiable {@link List} for list fields.
     */
    public Object json(FieldType type, boolean list, ValueBuffer values) {
        if (list) {
            List<Object> items = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                items.add(jsonOne(type, values, i));
            }
            return Collections.unmodifiableList(items);
        }
        if (values.isEmpty()) {
            return null;
        }
        return jsonOne(type, values, 0);
    }

    /** The JSON form of the operand's values ({@link #json}). */
    public Object json(CompiledOperand operand, ValueBuffer values) {
        return json(operand.type(), operand.list(), values);
    }

    private void appendOne(FieldType type, ValueBuffer values, int index, StringBuilder out) {
        switch (type.kind()) {
            case NUMBER -> {
                if (type == FieldType.DOUBLE) {
                    out.append(String.format(Locale.ROOT, "%.1f", values.doubleAt(index)));
                } else if (isUnsigned64(type)) {
                    out.append(Long.toUnsignedString(values.longAt(index)));
                } else {
                    out.append(values.longAt(index));
                }
            }
            case BOOL -> out.append(values.booleanAt(index) ? "true" : "false");
            case IP_ADDRESS -> IpAddresses.format(values.bytesAt(index), values.bytesLength(index), out);
            case IP_NETWORK -> out.append("<IPNET>");
            case BUFFER -> appendBuffer(values.bytesAt(index), values.bytesLength(index), out);
            case STRING, DYNAMIC -> appendString(values, index, out);
        }
    }

    private Object jsonOne(FieldType type, ValueBuffer values, int index) {
        return switch (type.kind()) {
            case NUMBER -> {
                if (type == FieldType.DOUBLE) {
                    yield values.doubleAt(index);
                }
                long value = values.longAt(index);
                if (isUnsigned64(type) && value < 0) {
                    yield new java.math.BigInteger(Long.toUnsignedString(value));
                }
                yield value;
            }
            case BOOL -> values.booleanAt(index);
            default -> {
                StringBuilder text = new StringBuilder();
                appendOne(type, values, index, text);
                yield text.toString();
            }
        };
    }

    private static boolean isUnsigned64(FieldType type) {
        return type == FieldType.UINT64 || type == FieldType.ABSTIME || type == FieldType.RELTIME;
    }

    private static void appendString(ValueBuffer values, int index, StringBuilder out) {
        String text = values.stringAt(index);
        if (text != null) {
            out.append(text);
            return;
        }
        // a string-typed field whose extractor wrote bytes or a number
        if (values.bytesLength(index) > 0) {
            out.append(new String(values.bytesAt(index), 0, values.bytesLength(index), java.nio.charset.StandardCharsets.UTF_8));
        } else {
            out.append(values.longAt(index));
        }
    }

    private static void appendBuffer(byte[] bytes, int length, StringBuilder out) {
        for (int k = 0; k < length; k++) {
            int b = bytes[k] & 0xFF;
            out.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
    }
}
