package dev.peregrine.plugin.cloudtrail;

import dev.peregrine.plugin.support.json.JsonValue;
import java.util.List;

/**
 * Reads values out of a parsed CloudTrail record with upstream's lookup rules: a path through
 * non-objects finds nothing, the first of duplicated members wins.
 */
final class RecordValues {

    private RecordValues() {
    }

    /** The value at {@code path}, or null. */
    static JsonValue at(JsonValue root, String[] path) {
        JsonValue current = root;
        for (String key : path) {
            if (!(current instanceof JsonValue.JsonObject object)) {
                return null;
            }
            current = object.member(key);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** The value of member {@code key} of {@code value}, or null. */
    static JsonValue member(JsonValue value, String key) {
        return value instanceof JsonValue.JsonObject object ? object.member(key) : null;
    }

    /**
     * A plain string field: null when missing, the text of a string, and {@code ""} for any other
     * present value (object, array, number, boolean, null).
     */
    static String text(JsonValue root, String[] path) {
        return textOf(at(root, path));
    }

    /** {@link #text} of an already looked-up value. */
    static String textOf(JsonValue value) {
        if (value == null) {
            return null;
        }
        return value instanceof JsonValue.JsonString string ? string.value() : "";
    }

    /** The text at {@code path} only when it is a JSON string, else null. */
    static String string(JsonValue root, String[] path) {
        return stringOf(at(root, path));
    }

    /** The text of {@code value} only when it is a JSON string, else null. */
    static String stringOf(JsonValue value) {
        return value instanceof JsonValue.JsonString string ? string.value() : null;
    }

    /** The elements at {@code path} when it is an array, else null. */
    static List<JsonValue> array(JsonValue root, String[] path) {
        return at(root, path) instanceof JsonValue.JsonArray array ? array.elements() : null;
    }

    /** True only for the JSON literal {@code true}. */
    static boolean isTrue(JsonValue value) {
        return value instanceof JsonValue.JsonLiteral literal && literal.text().equals("true");
    }

    /** A byte count: an integer as is, a float truncated, anything else 0. */
    static long count(JsonValue value) {
        if (value instanceof JsonValue.JsonLiteral literal) {
            String text = literal.text();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException notAnInteger) {
                // fall through to the float form
            }
            try {
                return (long) Double.parseDouble(text);
            } catch (NumberFormatException notANumber) {
                return 0;
            }
        }
        return 0;
    }

    /** A path given as dotted text, split once at bind time. */
    static String[] path(String dotted) {
        return dotted.split("\\.");
    }
}
