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
import java.util.function.LongSupplier;

/**
 * The event path after a source: rules → alert → output queue, composed in one place. Also enforces
 * {@code -M} (stop after N seconds of event time per source).
 *
 * <p>Partitioned sources: each partition thread gets a {@link #forPartition worker} with its own copy of
 * the rules (partition 0 uses the loaded ruleset, which no other thread evaluates for that source), so
 * compiled conditions, outputs and field handles are never shared between threads. Matches of every
 * worker go into the one bounded output queue; alerts of one partition keep that partition's event
 * order, alerts of different partitions are queued in the order their evaluation finished (no
 * cross-partition reordering by event time). The run summary, the queue and the {@code -M} bookkeeping
 * are thread-safe; the drop monitor is driven through its partition entry point.
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
    private LongSupplier syscallEvents = () -> 0;
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

    /**
     * Watches the syscall source for drops; {@code cumulativeEvents} counts the source's events over all
     * its partitions, for the drop ratio when the source is partitioned.
     */
    void monitorDrops(DropMonitor monitor, LongSupplier cumulativeEvents) {
        this.dropMonitor = monitor;
        this.syscallEvents = cumulativeEvents;
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
            dropExit();
            return;
        }
        evaluate(source, event, ruleset);
    }

    private void dropExit() {
        failure = "Drop manager internal error";
        stopping = true;
        stopAll.run();
    }

    /** The {@code -M} check, then the rules. */
    private void evaluate(String source, Event event, Ruleset rules) {
        if (durationNanos > 0) {
            long first = firstEventTime.computeIfAbsent(source, s -> event.timestampNanos());
            if (event.timestampNanos() - first > durationNanos) {
                durationReached = true;
                stopping = true;
                stopAll.run();
                return;
            }
        }
        rules.forEachMatch(source, event, this);
    }

    /**
     * A worker for one partition of {@code source}: partition 0 evaluates the loaded rules, every other
     * partition a copy compiled for it (fresh field handles included). Called before the loops start.
     */
    @Override
    public EventSink forPartition(String source, int partition) {
        return new PartitionWorker(partition == 0 ? ruleset : ruleset.forWorker(source));
    }

    /**
     * The event path of one partition thread. {@link #onMatch} of the pipeline serves every worker: it
     * only reads the matched rule (the worker's copy) and the event, and writes to thread-safe sinks.
     */
    private final class PartitionWorker implements EventSink {
        private final Ruleset rules;

        PartitionWorker(Ruleset rules) {
            this.rules = rules;
        }

        @Override
        public void onEvent(String source, Event event) {
            if (stopping) {
                return;
            }
            DropMonitor monitor = dropMonitor;
            if (monitor != null && SYSCALL.equals(source)
                    && !monitor.onPartitionEvent(event.timestampNanos(), syscallEvents)) {
                dropExit();
                return;
            }
            evaluate(source, event, rules);
        }

        @Override
        public void onEndOfBatch(String source) {
            // as for the pipeline: the output worker flushes when its queue runs empty
        }
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
