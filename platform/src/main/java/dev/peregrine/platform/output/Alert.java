package dev.peregrine.platform.output;

import dev.peregrine.platform.engine.Priority;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One notification on its way to the outputs: a rule match, or an internal message
 * ({@code Falco internal: ...}, source {@code internal}).
 *
 * @param timeNanos    event time (wall-clock time for internal messages), ns since the epoch
 * @param priority     the rule's priority
 * @param rule         rule name
 * @param source       event source, {@code internal} for internal messages
 * @param tags         the rule's tags, sorted and unique
 * @param message      the rendered output without the time/priority prefix
 * @param outputFields typed values ({@code Long}, {@code Double}, {@code Boolean}, {@code String},
 *                     {@code List}, or {@code null} when unavailable), by field name
 * @param hostname     the host name reported in JSON
 */
public record Alert(long timeNanos, Priority priority, String rule, String source, List<String> tags,
                    String message, Map<String, Object> outputFields, String hostname) {

    /** The source of internal messages. */
    public static final String INTERNAL_SOURCE = "internal";

    public Alert {
        tags = List.copyOf(new TreeSet<>(tags));
        outputFields = Collections.unmodifiableMap(new LinkedHashMap<>(outputFields));
    }

    /** An internal message: no tags, wall-clock time. */
    public static Alert internal(long nowNanos, Priority priority, String rule, String message,
                                 Map<String, Object> fields, String hostname) {
        return new Alert(nowNanos, priority, rule, INTERNAL_SOURCE, List.of(), message, fields, hostname);
    }

    /** True for {@code Falco internal: ...} messages. */
    public boolean isInternal() {
        return INTERNAL_SOURCE.equals(source);
    }
}
