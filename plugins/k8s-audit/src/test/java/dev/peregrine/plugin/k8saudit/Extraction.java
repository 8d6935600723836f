package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.PluginException;
import dev.peregrine.api.testing.FieldExtractor;
import dev.peregrine.api.testing.TestEvent;
import java.util.List;

/** Binds k8saudit fields on one real plugin state and extracts values from JSON payloads. */
final class Extraction {

    private final K8sAuditPlugin plugin = new K8sAuditPlugin();
    private final K8sAuditInstance instance;
    private long number;

    Extraction() {
        try {
            instance = (K8sAuditInstance) plugin.init(null, "");
        } catch (PluginException e) {
            throw new AssertionError("the default configuration must initialise", e);
        }
    }

    /** All values of {@code field[argument]} (argument null = none); null when absent. */
    List<Object> values(String field, String argument, String json) {
        return new FieldExtractor(plugin, instance).values(field, argument, TestEvent.plugin(++number, json))
                .orElse(null);
    }

    List<Object> values(String field, String json) {
        return values(field, null, json);
    }
}
