package dev.peregrine.plugin.support.json;

import java.util.List;

/** A parsed JSON value that keeps member order, duplicate members and number literals as written. */
public sealed interface JsonValue {

    /** An object; {@code keys} and {@code values} are parallel lists in document order. */
    record JsonObject(List<String> keys, List<JsonValue> values) implements JsonValue {
        public JsonObject {
            keys = List.copyOf(keys);
            values = List.copyOf(values);
        }

        /** The value of the first member named {@code key}, or null. */
        public JsonValue member(String key) {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).equals(key)) {
                    return values.get(i);
                }
            }
            return null;
        }
    }

    /** An array. */
    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }
    }

    /** A string, unescaped. */
    record JsonString(String value) implements JsonValue {
    }

    /** A number, {@code true}, {@code false} or {@code null}, exactly as written in the document. */
    record JsonLiteral(String text) implements JsonValue {
    }
}
