package dev.peregrine.platform.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.Event;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.engine.RulesLoader;
import dev.peregrine.platform.field.FieldProvider;
import dev.peregrine.platform.field.PluginFieldCatalog;
import dev.peregrine.platform.log.Log;
import dev.peregrine.platform.output.AlertFormatter;
import dev.peregrine.platform.output.OutputQueue;
import dev.peregrine.platform.output.OutputSink;
import dev.peregrine.platform.output.RunSummary;
import dev.peregrine.platform.plugin.SourceBinding;
import dev.peregrine.platform.rules.result.LoadResult;
import dev.peregrine.platform.source.SourceRunner;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A partitioned source through the real runner, rules and output queue: payloads are
 * {@code <partition>-<index>-<hit|miss>}; field {@code t.kind} is the last part and {@code t.id} the first
 * two. The plugin's handles keep scratch state and remember the one thread allowed to call them.
 */
class PartitionedPipelineTest {

    private static final int PARTITIONS = 3;
    private static final int EVENTS = 3_000;
    private static final String RULES = """
            - rule: hit
              desc: d
              condition: t.kind = hit
              output: hit %t.id
              priority: WARNING
              source: test
            """;

    /** Handles that must only ever be called by one thread; a crossing is counted. */
    private final AtomicInteger crossings = new AtomicInteger();
    private final AtomicInteger binds = new AtomicInteger();
    private final List<String> evaluated = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private final class ScratchHandle implements FieldHandle {
        private final boolean kind;
        private final StringBuilder scratch = new StringBuilder();
        private volatile Thread owner;

        ScratchHandle(boolean kind) {
            this.kind = kind;
        }

        @Override
        public boolean extract(Event event, dev.peregrine.api.ValueSink out) {
            Thread me = Thread.currentThread();
            if (owner == null) {
                owner = me;
            } else if (owner != me) {
                crossings.incrementAndGet();
            }
            String payload = new String(event.payload(), StandardCharsets.UTF_8);
            int cut = payload.lastIndexOf('-');
            scratch.setLength(0);
            scratch.append(kind ? payload.substring(cut + 1) : payload.substring(0, cut));
            if (kind) {
                evaluated.add(payload.substring(0, cut));
            }
            out.addString(scratch.toString());
            return true;
        }
    }

    private PluginFieldCatalog catalog() {
        List<FieldSpec> fields = List.of(FieldSpec.of("t.kind", FieldType.STRING, "kind"),
                FieldSpec.of("t.id", FieldType.STRING, "id"));
        return new PluginFieldCatalog("test", List.of(new FieldProvider("scratch", "scratch (plugin)", fields,
                (spec, argument) -> {
                    binds.incrementAndGet();
                    return new ScratchHandle(spec.name().equals("t.kind"));
                })), Optional.empty());
    }

    /** Partition k: EVENTS events in batches of 1..7, a TIMEOUT now and then, every 3rd event a hit. */
    private static final class Partition implements EventStream {
        private final int index;
        private final int failAt;
        private int next;
        private int calls;

        Partition(int index, int failAt) {
            this.index = index;
            this.failAt = failAt;
        }

        @Override
        public BatchStatus nextBatch(EventBatch batch) throws PluginException {
            calls++;
            if (calls % 5 == 0) {
                return BatchStatus.TIMEOUT;
            }
            int count = 1 + calls % 7;
            for (int i = 0; i < count && next < EVENTS; i++, next++) {
                if (next == failAt) {
                    throw new PluginException("partition " + index + " broke");
                }
                String payload = index + "-" + next + "-" + (next % 3 == 0 ? "hit" : "miss");
                batch.add(1_000_000_000L + next, payload.getBytes(StandardCharsets.UTF_8));
            }
            return next == EVENTS ? BatchStatus.EOF : BatchStatus.SUCCESS;
        }
    }

    /** The parent: never read itself, counts its closes. */
    private static final class Parent implements EventStream {
        final List<EventStream> partitions;
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();

        Parent(List<EventStream> partitions) {
            this.partitions = partitions;
        }

        @Override
        public List<EventStream> partitions() {
            return partitions;
        }

        @Override
        public BatchStatus nextBatch(EventBatch batch) {
            reads.incrementAndGet();
            return BatchStatus.EOF;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private record Run(SourceRunner runner, Optional<String> failure, RunSummary summary) {
    }

    private Run run(Parent parent) throws Exception {
        RulesLoader loader = new RulesLoader(Map.of("test", catalog()));
        LoadResult result = loader.load("r.yaml", RULES);
        assertTrue(result.successful(), result.summary());
        OutputSink sink = new OutputSink() {
            @Override
            public String name() {
                return "stdout";
            }

            @Override
            public void write(String line, Priority priority) {
                lines.add(line);
            }
        };
        OutputQueue queue = new OutputQueue(List.of(sink), new AlertFormatter(
                new AlertFormatter.Options(false, false, true, false, true, true, false), ZoneId.of("UTC")), 0, 2000,
                Log.discard());
        queue.start();
        RunSummary summary = new RunSummary();
        SourceRunner[] holder = new SourceRunner[1];
        AlertPipeline pipeline = new AlertPipeline(loader.ruleset(), queue, summary, "h", false, 0,
                () -> holder[0].stop());
        PluginInstance instance = new PluginInstance() {
            @Override
            public EventStream open(String openParams) {
                return parent;
            }
        };
        SourceRunner runner = new SourceRunner(List.of(new SourceBinding("test", "scratch", 9, instance, "")),
                pipeline, (level, message) -> { });
        holder[0] = runner;
        runner.start();
        Optional<String> failure = runner.awaitTermination();
        queue.stop();
        return new Run(runner, failure, summary);
    }

    @Test
    void everyEventIsEvaluatedOnceOnItsPartitionsThreadAndEveryAlertArrivesInPartitionOrder() throws Exception {
        List<EventStream> partitions = new ArrayList<>();
        for (int k = 0; k < PARTITIONS; k++) {
            partitions.add(new Partition(k, -1));
        }
        Parent parent = new Parent(partitions);
        Run run = run(parent);

        assertTrue(run.failure().isEmpty(), run.failure().toString());
        assertEquals(PARTITIONS * EVENTS, evaluated.size(), "each event's condition ran once");
        assertEquals(PARTITIONS * EVENTS, new HashSet<>(evaluated).size(), "no event twice");
        assertEquals(0, crossings.get(), "no field handle was called from two threads");
        assertEquals(2 * PARTITIONS, binds.get(), "each partition bound both fields for itself");
        assertEquals(PARTITIONS * EVENTS, run.runner().stats().get("test").events().get(), "stats are summed");

        int hitsPerPartition = (EVENTS + 2) / 3;
        assertEquals(PARTITIONS * hitsPerPartition, lines.size(), "every alert reached the output");
        assertEquals(PARTITIONS * hitsPerPartition, run.summary().total());
        for (int k = 0; k < PARTITIONS; k++) {
            String prefix = "hit " + k + "-";
            List<Integer> order = lines.stream().filter(l -> l.contains(prefix))
                    .map(l -> Integer.parseInt(l.substring(l.indexOf(prefix) + prefix.length()).strip())).toList();
            assertEquals(hitsPerPartition, order.size());
            for (int i = 0; i < order.size(); i++) {
                assertEquals(3 * i, order.get(i), "partition " + k + " alerts keep its event order");
            }
        }
        assertEquals(1, parent.closes.get(), "the parent is closed once");
        assertEquals(0, parent.reads.get(), "the parent itself is never read");
    }

    @Test
    void aFailingPartitionStopsTheOthersAndTheParentIsStillClosedOnce() throws Exception {
        Set<String> names = java.util.concurrent.ConcurrentHashMap.newKeySet();
        EventStream endless = new EventStream() {
            @Override
            public BatchStatus nextBatch(EventBatch batch) {
                names.add(Thread.currentThread().getName());
                batch.add(EventBatch.NOW, "9-0-miss".getBytes(StandardCharsets.UTF_8));
                return BatchStatus.SUCCESS;
            }
        };
        Parent parent = new Parent(List.of(endless, new Partition(1, 100)));
        Run run = run(parent);

        assertEquals(Optional.of("partition 1 broke"), run.failure());
        assertEquals(Set.of("source-test-0"), names, "partition threads are named after source and index");
        assertEquals(1, parent.closes.get());
        assertFalse(evaluated.contains("1-100"), "the failing call's events are discarded");
    }
}
