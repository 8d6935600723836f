package dev.peregrine.api.testing;

import dev.peregrine.api.Event;
import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import java.util.List;
import java.util.Optional;

/**
 * Binds a plugin's fields on one real plugin state and extracts values, the way the host does: a
 * field that is absent gives empty, one that claims a value but writes none fails the test.
 */
public final class FieldExtractor {

    private final FalcoPlugin plugin;
    private final PluginInstance instance;

    /** Extraction through {@code instance}, a state of {@code plugin}. */
    public FieldExtractor(FalcoPlugin plugin, PluginInstance instance) {
        this.plugin = plugin;
        this.instance = instance;
    }

    /** The values of {@code field[argument]} (argument null = none) for {@code event}; empty when absent. */
    public Optional<List<Object>> values(String field, String argument, Event event) {
        FieldSpec spec = plugin.fields().stream()
                .filter(f -> f.name().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + field));
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
        if (sink.values.isEmpty()) {
            throw new AssertionError("extract reported a value but wrote none");
        }
        return Optional.of(List.copyOf(sink.values));
    }
}
