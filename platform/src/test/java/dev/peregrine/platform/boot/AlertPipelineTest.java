package dev.peregrine.platform.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.Event;
import dev.peregrine.platform.engine.AppendOutput;
import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.engine.RulesLoader;
import dev.peregrine.platform.engine.Ruleset;
import dev.peregrine.platform.log.Log;
import dev.peregrine.platform.output.AlertFormatter;
import dev.peregrine.platform.output.OutputQueue;
import dev.peregrine.platform.output.OutputSink;
import dev.peregrine.platform.output.RunSummary;
import dev.peregrine.platform.rules.result.LoadResult;
import dev.peregrine.platform.rules.testing.TestCatalog;
import dev.peregrine.platform.rules.testing.TestEvent;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AlertPipelineTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    private OutputQueue queue(boolean json) {
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
                new AlertFormatter.Options(json, true, true, false, true, true, false), ZoneId.of("UTC")), 0, 2000,
                Log.discard());
        queue.start();
        return queue;
    }

    @Test
    void matchingEventBecomesAJsonAlertWithTypedFieldsAndExtraOutput() {
        RulesLoader loader = new RulesLoader(Map.of("k8s_audit", TestCatalog.plugin("k8s_audit",
                List.of("ka.verb", "ka.user.name"))), List.of(new AppendOutput("k8s_audit", Set.of(), null,
                "by %ka.user.name", Map.of("who", "%ka.user.name"))));
        LoadResult result = loader.load("r.yaml", """
                - rule: create seen
                  desc: d
                  condition: ka.verb = create
                  output: created (verb=%ka.verb)
                  priority: WARNING
                  source: k8s_audit
                  tags: [k8s, b]
                """);
        assertTrue(result.successful(), result.summary());
        Ruleset ruleset = loader.ruleset();
        OutputQueue queue = queue(true);
        RunSummary summary = new RunSummary();
        AlertPipeline pipeline = new AlertPipeline(ruleset, queue, summary, "h", true, 0, () -> { });
        pipeline.onEvent("k8s_audit", new TestEvent(1, Event.PLUGIN_EVENT_TYPE,
                Map.of("ka.verb", "create", "ka.user.name", "alice")));
        pipeline.onEvent("k8s_audit", new TestEvent(2, Event.PLUGIN_EVENT_TYPE, Map.of("ka.verb", "get")));
        queue.stop();
        assertEquals(List.of("{\"hostname\":\"h\",\"output\":\"1970-01-01T00:00:01.000000000+0000: Warning created "
                + "(verb=create) by alice\",\"output_fields\":{\"evt.time.iso8601\":1000000000,\"ka.user.name\":"
                + "\"alice\",\"ka.verb\":\"create\",\"who\":\"alice\"},\"priority\":\"Warning\",\"rule\":"
                + "\"create seen\",\"source\":\"k8s_audit\",\"tags\":[\"b\",\"k8s\"],"
                + "\"time\":\"1970-01-01T00:00:01.000000000Z\"}"), lines);
        assertEquals(1, summary.total());
    }

    /** An event at a given time, for -M. */
    private record TimedEvent(long timestampNanos) implements Event {
        @Override
        public long number() {
            return 1;
        }

        @Override
        public int type() {
            return PLUGIN_EVENT_TYPE;
        }
    }

    @Test
    void durationStopsAfterThatManySecondsOfEventTime() {
        AtomicInteger stops = new AtomicInteger();
        OutputQueue queue = queue(false);
        AlertPipeline pipeline = new AlertPipeline(new Ruleset(List.of(), Map.of()), queue, new RunSummary(), "h",
                false, 5, stops::incrementAndGet);
        pipeline.onEvent("json", new TimedEvent(10_000_000_000L));
        pipeline.onEvent("json", new TimedEvent(15_000_000_000L));
        assertEquals(0, stops.get());
        pipeline.onEvent("json", new TimedEvent(15_000_000_001L));
        pipeline.onEvent("json", new TimedEvent(16_000_000_000L));
        assertEquals(1, stops.get());
        queue.stop();
    }
}
