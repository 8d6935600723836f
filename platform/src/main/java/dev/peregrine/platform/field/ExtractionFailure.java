package dev.peregrine.platform.field;

/**
 * Plugin code that threw while extracting a field: how often, and the first reason.
 *
 * @param provider the plugin (or {@code host}) that owns the field
 * @param field    the field reference as written in rules
 * @param count    number of events for which extraction threw (the field was absent for them)
 * @param first    the first exception's message
 */
public record ExtractionFailure(String provider, String field, long count, String first) {

    /** A log line naming the plugin, the field and the count. */
    public String describe() {
        return "Plugin '" + provider + "' failed to extract field '" + field + "' " + count
                + (count == 1 ? " time" : " times") + " (treated as absent); first error: " + first;
    }
}
