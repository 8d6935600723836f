package dev.peregrine.plugin.cloudtrail;

import dev.peregrine.api.Event;
import dev.peregrine.api.testing.FieldExtractor;
import dev.peregrine.api.testing.TestEvent;
import java.util.List;
import java.util.Optional;

/** Binds cloudtrail fields on one real plugin state and extracts values from JSON payloads. */
final class Extraction {

    private final CloudTrailPlugin plugin = new CloudTrailPlugin();
    private final CloudTrailInstance instance = (CloudTrailInstance) plugin.init(null, "");
    private final FieldExtractor fields = new FieldExtractor(plugin, instance);
    private long number;

    /** All values of {@code field[argument]} (argument null = none); empty when absent. */
    List<Object> values(String field, String argument, Event event) {
        return fields.values(field, argument, event).orElse(List.of());
    }

    /** The single value of {@code field} for a fresh event carrying {@code json}. */
    Optional<Object> value(String field, String json) {
        return single(field, values(field, null, TestEvent.plugin(++number, json)));
    }

    /** The single string value of {@code field} for a fresh event carrying {@code json}. */
    Optional<String> text(String field, String json) {
        return value(field, json).map(String.class::cast);
    }

    /** {@code evt.plugininfo} for a fresh event carrying {@code json}. */
    String pluginInfo(String json) {
        return instance.eventToString(TestEvent.plugin(++number, json));
    }

    private static Optional<Object> single(String field, List<Object> values) {
        if (values.size() > 1) {
            throw new AssertionError(field + " is scalar but gave " + values);
        }
        return values.stream().findFirst();
    }
}
