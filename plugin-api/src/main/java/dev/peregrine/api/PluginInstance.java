package dev.peregrine.api;

import java.util.List;

/**
 * One initialised plugin state. The host serves it from one thread at a time: extraction calls
 * are sequential per instance, except that the partitions of a partitioned stream
 * ({@link EventStream#partitions()}) extract concurrently, each through handles bound for it alone.
 */
public interface PluginInstance extends AutoCloseable {

    /**
     * Opens the plugin's event source.
     *
     * @param openParams {@code open_params} from the configuration, trimmed
     * @throws PluginException when the source cannot be opened (fatal for that source)
     */
    default EventStream open(String openParams) throws PluginException {
        throw new PluginException("plugin does not implement event sourcing");
    }

    /**
     * Binds one field (with its argument) for repeated extraction. Called at rule-compile time,
     * never per event. The field is one of {@link FalcoPlugin#fields()}; the host has already
     * checked the argument's shape against the field's {@link FieldSpec#argument()}.
     *
     * @throws PluginException when the argument is not acceptable for this field
     */
    default FieldHandle bindField(FieldSpec field, FieldArgument argument) throws PluginException {
        throw new PluginException("plugin does not implement field extraction");
    }

    /** Suggested values for {@code open_params}, for {@code --plugin-info}. */
    default List<OpenParamSuggestion> openParamSuggestions() {
        return List.of();
    }

    /** A one-line rendering of an event ({@code evt.plugininfo}). */
    default String eventToString(Event event) {
        return "";
    }

    /** Current values of the plugin's own metrics. */
    default List<PluginMetric> metrics() {
        return List.of();
    }

    /** Releases resources. Never throws. */
    @Override
    default void close() {
    }
}
