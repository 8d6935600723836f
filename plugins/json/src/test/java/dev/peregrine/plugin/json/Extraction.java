package dev.peregrine.plugin.json;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.api.testing.RecordingValueSink;
import java.util.Optional;

/** Binds json fields on one real plugin state and extracts single values. */
final class Extraction {

    private final PluginInstance instance = new JsonPlugin().init(null, "");

    /** The value of {@code field[argument]} (argument null = none), or empty when absent. */
    Optional<String> extract(String field, String argument, Event event) {
        FieldSpec spec = new JsonPlugin().fields().stream()
                .filter(f -> f.name().equals(field)).findFirst().orElseThrow();
        FieldHandle handle;
        try {
            handle = instance.bindField(spec, argument == null ? FieldArgument.none() : FieldArgument.of(argument));
        } catch (PluginException e) {
            throw new AssertionError(e);
        }
        RecordingValueSink sink = new RecordingValueSink();
        if (!handle.extract(event, sink)) {
            return Optional.empty();
        }
        if (sink.values.size() != 1) {
            throw new AssertionError("expected one value, got " + sink.values);
        }
        return Optional.of((String) sink.values.getFirst());
    }
}
