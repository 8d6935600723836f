package dev.peregrine.api;

import java.util.Objects;

/**
 * What a plugin says about itself.
 *
 * @param name               unique plugin name, e.g. {@code cloudtrail}
 * @param version            the plugin's own semantic version {@code MAJOR.MINOR.PATCH}
 * @param requiredApiVersion the version of this API the plugin was built against
 * @param description        one line for listings
 * @param contact            where to report problems
 * @param id                 registry id of the event source (0 when the plugin sources no events)
 * @param eventSource        event source name (empty when the plugin sources no events)
 */
public record PluginInfo(
        String name,
        String version,
        String requiredApiVersion,
        String description,
        String contact,
        int id,
        String eventSource) {

    public PluginInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(requiredApiVersion, "requiredApiVersion");
        description = description == null ? "" : description;
        contact = contact == null ? "" : contact;
        eventSource = eventSource == null ? "" : eventSource;
    }

    /** Info for a plugin that only extracts fields. */
    public static PluginInfo extractor(String name, String version, String description, String contact) {
        return new PluginInfo(name, version, HostApi.VERSION, description, contact, 0, "");
    }

    /** Info for a plugin that sources events of {@code eventSource} (and usually extracts fields too). */
    public static PluginInfo source(String name, String version, String description, String contact,
                                    int id, String eventSource) {
        return new PluginInfo(name, version, HostApi.VERSION, description, contact, id, eventSource);
    }

    /** True when the plugin declares an event source. */
    public boolean sourcesEvents() {
        return !eventSource.isEmpty();
    }
}
