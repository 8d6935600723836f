package dev.peregrine.platform.drops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.platform.config.PeregrineConfig;
import dev.peregrine.platform.config.PeregrineConfig.DropAction;
import dev.peregrine.platform.log.Log;
import dev.peregrine.platform.log.LogLevel;
import dev.peregrine.platform.output.Alert;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DropMonitorTest {

    private static final long S = 1_000_000_000L;
    private final List<String> logs = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();
    private final Log log = (LogLevel level, String message) -> logs.add(level + " " + message);

    private DropMonitor monitor(List<DropAction> actions, boolean simulate, double maxBurst, AtomicLong drops) {
        return new DropMonitor(new PeregrineConfig.Drops(0.1, actions, 0.03333, maxBurst, simulate), false,
                drops::get, log, alerts::add, "h");
    }

    /** Feeds one event every half second for {@code seconds} seconds of event time. */
    private static boolean feed(DropMonitor monitor, int seconds) {
        for (long t = 0; t <= seconds * 2L; t++) {
            if (!monitor.onEvent(1000 * S + t * S / 2)) {
                return false;
            }
        }
        return true;
    }

    private static String stats(DropMonitor monitor) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        monitor.printStats(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void simulatedDropsAreThrottledByTheTokenBucket() {
        DropMonitor monitor = monitor(List.of(DropAction.ALERT), true, 2, new AtomicLong());
        assertTrue(feed(monitor, 10));
        String stats = stats(monitor);
        assertTrue(stats.startsWith("Syscall event drop monitoring:\n   - event drop detected: "), stats);
        assertEquals(2, alerts.size());
        Alert first = alerts.get(0);
        assertEquals(DropMonitor.RULE, first.rule());
        assertEquals("internal", first.source());
        assertEquals("Falco internal: syscall event drop. 1 system calls dropped in last second.", first.message());
        assertEquals("1", first.outputFields().get("n_drops"));
        assertTrue(logs.contains("DEBUG Syscall event drop but token bucket depleted, skipping actions"));
    }

    @Test
    void withoutDropsNothingHappens() {
        DropMonitor monitor = monitor(List.of(DropAction.LOG), false, 10, new AtomicLong());
        assertTrue(feed(monitor, 10));
        assertEquals("Syscall event drop monitoring:\n   - event drop detected: 0 occurrences\n"
                + "   - num times actions taken: 0\n", stats(monitor));
    }

    @Test
    void realDropsAboveTheThresholdAreLogged() {
        AtomicLong drops = new AtomicLong();
        DropMonitor monitor = monitor(List.of(DropAction.LOG), false, 10, drops);
        monitor.onEvent(1000 * S);
        drops.set(5);
        monitor.onEvent(1000 * S + S / 2);
        monitor.onEvent(1001 * S + 1);
        assertEquals(List.of("DEBUG Falco internal: syscall event drop. 5 system calls dropped in last second."),
                logs);
    }

    @Test
    void theAlertCarriesTheDriverCountersChangesOverTheLastSecond() {
        AtomicLong drops = new AtomicLong();
        java.util.Map<String, Long> counters = new java.util.LinkedHashMap<>(java.util.Map.of(
                "n_evts", 1000L, "n_drops_buffer_total", 10L, "n_drops_buffer_open_exit", 4L, "n_drops_bug", 0L));
        DropMonitor monitor = monitor(List.of(DropAction.ALERT), false, 10, drops);
        monitor.countersFrom(() -> java.util.Map.copyOf(counters));
        monitor.onEvent(1000 * S);
        drops.set(30);
        counters.putAll(java.util.Map.of("n_evts", 1250L, "n_drops_buffer_total", 40L, "n_drops_buffer_open_exit", 19L));
        monitor.onEvent(1001 * S + 1);
        assertEquals(1, alerts.size());
        var fields = alerts.get(0).outputFields();
        assertEquals("30", fields.get("n_drops"));
        assertEquals("250", fields.get("n_evts"), "the driver's own event count, not the delivered events");
        assertEquals("30", fields.get("n_drops_buffer_total"));
        assertEquals("15", fields.get("n_drops_buffer_open_exit"));
        assertEquals("0", fields.get("n_drops_buffer_execve_exit"), "a category the driver did not report");
        assertEquals("0", fields.get("n_drops_bug"));
    }

    @Test
    void exitActionStopsAtTheFirstOccurrence() {
        DropMonitor monitor = monitor(List.of(DropAction.EXIT), true, 10, new AtomicLong());
        assertFalse(feed(monitor, 10));
        assertTrue(monitor.exitRequested());
        assertTrue(logs.contains("CRITICAL Exiting."), logs.toString());
        assertEquals("Syscall event drop monitoring:\n   - event drop detected: 1 occurrences\n"
                + "   - num times actions taken: 1\n", stats(monitor));
    }

    @Test
    void partitionThreadsShareOneCheckPerSecondAndTheDropRatioCountsEveryPartitionsEvents() throws Exception {
        AtomicLong drops = new AtomicLong();
        AtomicLong events = new AtomicLong();
        DropMonitor monitor = monitor(List.of(DropAction.ALERT), false, 10, drops);
        assertTrue(monitor.onPartitionEvent(1000 * S, events::get), "the first event starts the clock");
        // one second later: 900 events over all partitions, 300 dropped (a ratio of 0.25 > 0.1)
        events.set(900);
        drops.set(300);
        Thread[] partitions = new Thread[2];
        for (int p = 0; p < partitions.length; p++) {
            long offset = p;
            partitions[p] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    monitor.onPartitionEvent(1001 * S + 1 + offset + i, events::get);
                }
            });
        }
        for (Thread t : partitions) {
            t.join();
        }
        assertEquals(1, alerts.size(), "one check for the second, whichever partition ran it");
        assertEquals("300", alerts.get(0).outputFields().get("n_drops"));
        assertEquals("1200", alerts.get(0).outputFields().get("n_evts"), "events of all partitions plus the drops");
    }
}
