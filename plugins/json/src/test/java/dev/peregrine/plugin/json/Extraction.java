package dev.peregrine.plugin.json;

import dev.peregrine.api.Event;
import dev.peregrine.api.testing.FieldExtractor;
import java.util.List;
import java.util.Optional;

/** Binds json fields on one real plugin state and extracts single values. */
final class Extraction {

    private final JsonPlugin plugin = new JsonPlugin();
    private final FieldExtractor fields = new FieldExtractor(plugin, plugin.init(null, ""));

    /** The value of {@code field[argument]} (argument null = none), or empty when absent. */
    Optional<String> extract(String field, String argument, Event event) {
        return fields.values(field, argument, event).map(Extraction::single);
    }

    private static String single(List<Object> values) {
        if (values.size() != 1) {
            throw new AssertionError("expected one value, got " + values);
        }
        return (String) values.getFirst();
    }
}
