package dev.peregrine.plugin.json;

import dev.peregrine.plugin.support.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * A pointer of {@code json.value[...]} with the upstream plugin's rules: one leading {@code /} is
 * dropped, the rest is split on {@code /}, and in each segment {@code ~1} becomes {@code /} and then
 * {@code ~0} becomes {@code ~}. Segments select object members (first match) or array elements.
 * The empty pointer selects the whole document.
 */
public final class JsonPointer {

    private final List<String> segments;

    private JsonPointer(List<String> segments) {
        this.segments = List.copyOf(segments);
    }

    /** Parses the field argument. */
    public static JsonPointer parse(String argument) {
        if (argument.isEmpty()) {
            return new JsonPointer(List.of());
        }
        String path = argument.charAt(0) == '/' ? argument.substring(1) : argument;
        List<String> segments = new ArrayList<>();
        for (String raw : path.split("/", -1)) {
            segments.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return new JsonPointer(segments);
    }

    /** The decoded segments (empty for the whole document). */
    public List<String> segments() {
        return segments;
    }

    /** The value the pointer selects, or null when any step misses. */
    public JsonValue resolve(JsonValue root) {
        JsonValue current = root;
        for (String segment : segments) {
            current = switch (current) {
                case JsonValue.JsonObject object -> object.member(segment);
                case JsonValue.JsonArray array -> element(array, segment);
                default -> null;
            };
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static JsonValue element(JsonValue.JsonArray array, String segment) {
        int index = arrayIndex(segment);
        return index >= 0 && index < array.elements().size() ? array.elements().get(index) : null;
    }

    /** A decimal index with an optional sign (as Go's Atoi reads it), or -1. */
    static int arrayIndex(String segment) {
        int start = 0;
        boolean negative = false;
        if (!segment.isEmpty() && (segment.charAt(0) == '+' || segment.charAt(0) == '-')) {
            negative = segment.charAt(0) == '-';
            start = 1;
        }
        if (start == segment.length() || segment.length() - start > 9) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return negative && value != 0 ? -1 : value;
    }
}
