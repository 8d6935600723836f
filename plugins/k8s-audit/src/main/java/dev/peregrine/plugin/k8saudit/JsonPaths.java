package dev.peregrine.plugin.k8saudit;

import dev.peregrine.plugin.support.json.CompactJsonWriter;
import dev.peregrine.plugin.support.json.JsonValue;
import java.util.List;

/** Path lookups over audit events, following upstream's rules for arrays and value rendering. */
final class JsonPaths {

    private JsonPaths() {
    }

    /** Splits a dotted path into keys. */
    static String[] path(String dotted) {
        return dotted.split("\\.");
    }

    /** The value at {@code keys} (object members only), or null when any key is missing. */
    static JsonValue at(JsonValue root, String... keys) {
        JsonValue current = root;
        for (String key : keys) {
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

    /** A string's text, or the compact JSON of any other value. */
    static String text(JsonValue value) {
        return value instanceof JsonValue.JsonString string ? string.value() : CompactJsonWriter.write(value);
    }

    /**
     * The collecting walk: follows {@code keys} from {@code current}; an array met before a key is
     * applied is fanned out (or only element {@code index}, when not negative). Elements where the
     * rest of the path is missing add a null placeholder. An array that is the final value is kept.
     *
     * @return false when an index is out of range (the field is then absent)
     */
    static boolean collect(JsonValue current, String[] keys, int next, long index, List<JsonValue> out) {
        if (next == keys.length) {
            out.add(current);
            return true;
        }
        if (current instanceof JsonValue.JsonArray array) {
            List<JsonValue> elements = array.elements();
            if (index >= 0) {
                if (index >= elements.size()) {
                    return false;
                }
                return collect(elements.get((int) index), keys, next, index, out);
            }
            for (JsonValue element : elements) {
                if (!collect(element, keys, next, index, out)) {
                    return false;
                }
            }
            return true;
        }
        JsonValue child = current instanceof JsonValue.JsonObject object ? object.member(keys[next]) : null;
        if (child == null) {
            out.add(null);
            return true;
        }
        return collect(child, keys, next + 1, index, out);
    }
}
