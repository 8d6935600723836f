package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.testing.RecordingValueSink;
import dev.peregrine.api.testing.TestEvent;
import java.util.List;

/** Binds k8saudit fields on one real plugin state and extracts values from JSON payloads. */
final class Extraction {

    private final K8sAuditPlugin plugin = new K8sAuditPlugin();
    private final K8sAuditInstance instance;

    Extraction() {
        try {
            instance = (K8sAuditInstance) plugin.init(null, "");
        } catch (PluginException e) {
            throw new AssertionError("the default configuration must initialise", e);
        }
    }
    private long number;

    /** All string values of {@code field[argument]} (argument null = none); null when absent. */
    List<Object> values(String field, String argument, String json) {
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
        if (!handle.extract(TestEvent.plugin(++number, json), sink)) {
            return null;
        }
        if (sink.values.isEmpty()) {
            throw new AssertionError("extract reported a value but wrote none");
        }
        return List.copyOf(sink.values);
    }

    List<Object> values(String field, String json) {
        return values(field, null, json);
    }
}
