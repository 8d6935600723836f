package dev.peregrine.platform.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.platform.engine.Priority;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutputQueueTest {

    private final RecordingLog log = new RecordingLog();
    private final AlertFormatter formatter = new AlertFormatter(
            new AlertFormatter.Options(false, true, true, false, true, true, false), ZoneId.of("UTC"));

    /** A sink that records calls and can be made to block until released. */
    private static final class RecordingSink implements OutputSink {
        final String name;
        final List<String> calls;
        final CountDownLatch release;

        RecordingSink(String name, List<String> calls, CountDownLatch release) {
            this.name = name;
            this.calls = calls;
            this.release = release;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void write(String line, Priority priority) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            calls.add(name + ":" + line.substring(line.indexOf(' ') + 1));
        }

        @Override
        public void reopen() {
            calls.add(name + ":reopen");
        }

        @Override
        public void close() {
            calls.add(name + ":close");
        }
    }

    private static Alert alert(String message) {
        return new Alert(0, Priority.WARNING, "r", "syscall", List.of(), message, Map.of(), "h");
    }

    @Test
    void everyAlertReachesEverySinkInOrderAndStopDrainsThenCloses() {
        List<String> calls = new CopyOnWriteArrayList<>();
        CountDownLatch open = new CountDownLatch(0);
        OutputQueue queue = new OutputQueue(List.of(new RecordingSink("file", calls, open),
                new RecordingSink("stdout", calls, open)), formatter, 0, 2000, log);
        queue.start();
        queue.push(alert("a"));
        queue.reopen();
        queue.push(alert("b"));
        queue.stop();
        assertEquals(List.of("file:Warning a", "stdout:Warning a", "file:reopen", "stdout:reopen",
                "file:Warning b", "stdout:Warning b", "file:close", "stdout:close"), calls);
    }

    @Test
    void fullQueueDropsCountsAndLogsTheFirstDropOnly() throws InterruptedException {
        List<String> calls = new CopyOnWriteArrayList<>();
        CountDownLatch blocked = new CountDownLatch(1);
        OutputQueue queue = new OutputQueue(List.of(new RecordingSink("stdout", calls, blocked)), formatter, 2,
                5000, log);
        queue.start();
        assertTrue(queue.push(alert("taken by the worker")));
        Thread.sleep(200);
        assertTrue(queue.push(alert("q1")));
        assertTrue(queue.push(alert("q2")));
        assertFalse(queue.push(alert("dropped 1")));
        assertFalse(queue.push(alert("dropped 2")));
        assertEquals(2, queue.drops());
        assertEquals(List.of("ERROR Outputs queue out of memory. Drop event and continue on ..."), log.lines);
        blocked.countDown();
        queue.stop();
        assertEquals(List.of("stdout:Warning taken by the worker", "stdout:Warning q1", "stdout:Warning q2",
                "stdout:close"), calls);
    }

    @Test
    void blockedOutputIsReportedAndDrainGivesUpAfterTheTimeout() throws InterruptedException {
        List<String> calls = new CopyOnWriteArrayList<>();
        CountDownLatch blocked = new CountDownLatch(1);
        OutputQueue queue = new OutputQueue(List.of(new RecordingSink("program", calls, blocked)), formatter, 0,
                200, log);
        queue.start();
        queue.push(alert("stuck"));
        queue.push(alert("never delivered"));
        Thread.sleep(600);
        assertTrue(log.lines.contains("CRITICAL \"program\" output timeout, all output channels are blocked"),
                log.lines.toString());
        queue.stop();
        assertTrue(log.lines.contains("NOTICE output channels still blocked, discarding all remaining notifications"),
                log.lines.toString());
        blocked.countDown();
        TimeUnit.MILLISECONDS.sleep(300);
        assertFalse(calls.contains("program:Warning never delivered"), calls.toString());
    }
}
