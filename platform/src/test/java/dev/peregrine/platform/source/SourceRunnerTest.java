package dev.peregrine.platform.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.Event;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.platform.plugin.PluginLoadException;
import dev.peregrine.platform.plugin.SourceBinding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SourceRunnerTest {

    /** Records what the sink saw, copying events since the host reuses them. */
    private static final class RecordingSink implements EventSink {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onEvent(String source, Event event) {
            seen.add(source + ":" + event.number() + ":" + event.timestampNanos() + ":"
                    + new String(event.payload(), StandardCharsets.UTF_8) + ":" + event.pluginId() + ":" + event.type());
        }

        @Override
        public void onEndOfBatch(String source) {
            seen.add(source + ":end");
        }
    }

    /** A scripted stream: each step runs against the batch and returns a status, or throws. */
    private interface Step {
        BatchStatus run(EventBatch batch) throws PluginException;
    }

    private static SourceBinding binding(String source, int id, Step... steps) {
        AtomicInteger next = new AtomicInteger();
        EventStream stream = batch -> {
            int i = next.getAndIncrement();
            return i < steps.length ? steps[i].run(batch) : BatchStatus.EOF;
        };
        PluginInstance instance = new PluginInstance() {
            @Override
            public EventStream open(String openParams) {
                return stream;
            }
        };
        return new SourceBinding(source, source + "-plugin", id, instance, "");
    }

    private static Step add(String... payloads) {
        return batch -> {
            for (String p : payloads) {
                batch.add(EventBatch.NOW, p.getBytes(StandardCharsets.UTF_8));
            }
            return BatchStatus.SUCCESS;
        };
    }

    private static Optional<String> run(RecordingSink sink, List<String> log, SourceBinding... bindings) throws Exception {
        SourceRunner runner = new SourceRunner(List.of(bindings), sink, (level, message) -> log.add(level + " " + message),
                () -> 42L);
        runner.start();
        return runner.awaitTermination();
    }

    @Test
    void eventsAreNumberedFromOneStampedAndFollowedByEndOfBatch() throws Exception {
        RecordingSink sink = new RecordingSink();
        List<String> log = new ArrayList<>();
        Optional<String> failure = run(sink, log, binding("s", 5, add("a", "b"), batch -> BatchStatus.TIMEOUT, add("c"),
                batch -> {
                    batch.add(1000L, "d".getBytes(StandardCharsets.UTF_8));
                    return BatchStatus.EOF;
                }));
        assertTrue(failure.isEmpty());
        assertEquals(List.of("s:1:42:a:5:322", "s:2:42:b:5:322", "s:end", "s:3:42:c:5:322", "s:end",
                "s:4:1000:d:5:322", "s:end"), sink.seen);
        assertEquals(List.of("INFO Opening 's' source with plugin 's-plugin'"), log);
    }

    @Test
    void oneSourceAtEofLetsTheOthersContinue() throws Exception {
        RecordingSink sink = new RecordingSink();
        Optional<String> failure = run(sink, new ArrayList<>(), binding("short", 1, add("x")),
                binding("long", 2, add("1"), add("2"), add("3")));
        assertTrue(failure.isEmpty());
        assertEquals(3, sink.seen.stream().filter(s -> s.startsWith("long:") && !s.endsWith(":end")).count());
    }

    @Test
    void failingSourceStopsEverySourceAndDiscardsItsBatch() throws Exception {
        RecordingSink sink = new RecordingSink();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Step endless = batch -> {
            batch.add(EventBatch.NOW, "tick".getBytes(StandardCharsets.UTF_8));
            return BatchStatus.SUCCESS;
        };
        Step[] many = new Step[100_000];
        java.util.Arrays.fill(many, endless);
        Optional<String> failure = run(sink, log, binding("bad", 1, add("ok"), batch -> {
            batch.add(EventBatch.NOW, "lost".getBytes(StandardCharsets.UTF_8));
            throw new PluginException("connection reset");
        }), binding("good", 2, many));
        assertEquals(Optional.of("connection reset"), failure);
        assertTrue(log.contains("ERROR " + SourceRunner.FAILURE_NOTICE));
        assertFalse(sink.seen.stream().anyMatch(s -> s.contains("lost")));
        assertTrue(sink.seen.stream().filter(s -> s.startsWith("good:") && !s.endsWith(":end")).count() < 100_000,
                "the healthy source was stopped too");
    }

    @Test
    void unexpectedExceptionIsAFailureNamingThePlugin() throws Exception {
        Optional<String> failure = run(new RecordingSink(), new ArrayList<>(), binding("s", 1, batch -> {
            throw new IllegalStateException("bug");
        }));
        assertTrue(failure.orElseThrow().contains("s-plugin") && failure.get().contains("bug"), failure.get());
    }

    @Test
    void oversizedPayloadsAreRejectedAndFullBatchesDrop() throws Exception {
        RecordingSink sink = new RecordingSink();
        SourceRunner runner = new SourceRunner(List.of(binding("s", 1, batch -> {
            assertFalse(batch.add(EventBatch.NOW, new byte[HostEventBatch.MAX_PAYLOAD + 1]));
            assertTrue(batch.add(EventBatch.NOW, new byte[HostEventBatch.MAX_PAYLOAD]));
            while (batch.remaining() > 0) {
                batch.add(EventBatch.NOW, new byte[1]);
            }
            assertFalse(batch.add(EventBatch.NOW, new byte[1]));
            return BatchStatus.EOF;
        })), sink, (level, message) -> { }, () -> 1L);
        runner.start();
        assertTrue(runner.awaitTermination().isEmpty());
        SourceStats stats = runner.stats().get("s");
        assertEquals(1, stats.rejections().get());
        assertEquals(1, stats.drops().get());
        assertEquals(HostEventBatch.CAPACITY, stats.events().get());
    }

    @Test
    void stopRequestEndsAnEndlessSource() throws Exception {
        RecordingSink sink = new RecordingSink();
        PluginInstance endless = new PluginInstance() {
            @Override
            public EventStream open(String openParams) {
                return batch -> BatchStatus.TIMEOUT;
            }
        };
        SourceRunner runner = new SourceRunner(List.of(new SourceBinding("s", "p", 1, endless, "")), sink,
                (level, message) -> { });
        runner.start();
        runner.stop();
        assertTrue(runner.awaitTermination().isEmpty());
    }

    @Test
    void openFailureIsFatalWithThePluginsReason() {
        PluginInstance broken = new PluginInstance() {
            @Override
            public EventStream open(String openParams) throws PluginException {
                throw new PluginException("cannot open file " + openParams);
            }
        };
        SourceRunner runner = new SourceRunner(List.of(new SourceBinding("s", "p", 1, broken, "x.json")),
                new RecordingSink(), (level, message) -> { });
        assertEquals("cannot open file x.json", assertThrows(PluginLoadException.class, runner::start).getMessage());
    }
}
