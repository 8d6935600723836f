package dev.peregrine.platform.boot;

import dev.peregrine.api.Event;
import dev.peregrine.platform.drops.DropMonitor;
import dev.peregrine.platform.engine.CompiledRule;
import dev.peregrine.platform.engine.MatchSink;
import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.engine.Ruleset;
import dev.peregrine.platform.output.Alert;
import dev.peregrine.platform.output.OutputQueue;
import dev.peregrine.platform.output.RunSummary;
import dev.peregrine.platform.output.format.CompiledOutput;
import dev.peregrine.platform.source.EventSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event path after a source: rules → alert → output queue, composed in one place. Also enforces
 * {@code -M} (stop after N seconds of event time per source).
 */
final class AlertPipeline implements EventSink, MatchSink {

    private static final String SYSCALL = "syscall";

    private final Ruleset ruleset;
    private final OutputQueue queue;
    private final RunSummary summary;
    private final String hostname;
    private final String timeField;
    private final long durationNanos;
    private final Runnable stopAll;
    private final Map<String, Long> firstEventTime = new ConcurrentHashMap<>();
    private DropMonitor dropMonitor;
    private volatile String failure;
    private volatile boolean stopping;
    private volatile boolean durationReached;

    /**
     * @param iso8601         time_format_iso_8601 (decides the {@code evt.time*} output field)
     * @param durationSeconds {@code -M}, 0 for none
     * @param stopAll         asks every source to stop
     */
    AlertPipeline(Ruleset ruleset, OutputQueue queue, RunSummary summary, String hostname, boolean iso8601,
                  long durationSeconds, Runnable stopAll) {
        this.ruleset = ruleset;
        this.queue = queue;
        this.summary = summary;
        this.hostname = hostname;
        this.timeField = iso8601 ? "evt.time.iso8601" : "evt.time";
        this.durationNanos = durationSeconds * 1_000_000_000L;
        this.stopAll = stopAll;
    }

    /** Watches the syscall source for drops (set before the sources start). */
    void monitorDrops(DropMonitor monitor) {
        this.dropMonitor = monitor;
    }

    /** True when {@code -M} ended the run (rather than the end of the sources). */
    boolean durationReached() {
        return durationReached;
    }

    /** Why the pipeline forced the sources down ({@code exit} drop action), if it did. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void onEvent(String source, Event event) {
        if (stopping) {
            return;
        }
        if (dropMonitor != null && SYSCALL.equals(source) && !dropMonitor.onEvent(event.timestampNanos())) {
            failure = "Drop manager internal error";
            stopping = true;
            stopAll.run();
            return;
        }
        if (durationNanos > 0) {
            long first = firstEventTime.computeIfAbsent(source, s -> event.timestampNanos());
            if (event.timestampNanos() - first > durationNanos) {
                durationReached = true;
                stopping = true;
                stopAll.run();
                return;
            }
        }
        ruleset.forEachMatch(source, event, this);
    }

    @Override
    public void onMatch(String source, CompiledRule rule, Event event) {
        Priority priority = rule.priority();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(timeField, event.timestampNanos());
        fields.putAll(rule.output().fields(event));
        for (Map.Entry<String, CompiledOutput> extra : rule.extraFields().entrySet()) {
            fields.put(extra.getKey(), extraValue(extra.getValue(), event));
        }
        Alert alert = new Alert(event.timestampNanos(), priority, rule.name(), source, List.copyOf(rule.tags()),
                rule.output().render(event), fields, hostname);
        summary.record(rule.name(), priority);
        queue.push(alert);
    }

    /** A bare {@code %field} keeps its JSON type; any other format is rendered as text. */
    private static Object extraValue(CompiledOutput output, Event event) {
        List<CompiledOutput.Part> parts = output.parts();
        if (parts.size() == 1 && parts.get(0) instanceof CompiledOutput.Field f && f.plain()) {
            return output.fields(event).get(f.token());
        }
        return output.render(event);
    }

    @Override
    public void onEndOfBatch(String source) {
        // the output worker flushes when its queue runs empty, which follows the batch boundary
    }
}
