package dev.peregrine.plugin.syscall.capture;

import static dev.peregrine.plugin.syscall.capture.ScapBuilder.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading events is allocation-free in steady state: the per-thread allocation counter says so. */
class CaptureReaderAllocationTest {

    private static final int EVENTS = 200_000;

    @TempDir
    Path dir;

    @Test
    void readingAndValidatingEventsAllocatesNothingPerEvent() throws IOException {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        ScapBuilder scap = new ScapBuilder().sectionHeader();
        for (int i = 0; i < EVENTS; i++) {
            scap.event(i & 3, i, 42, 5, u64(0), u64(i));
        }
        Path file = dir.resolve("many.scap");
        Files.write(file, scap.toByteArray());
        read(file); // warm up: class loading, JIT
        long before = counter.getCurrentThreadAllocatedBytes();
        long sum = read(file);
        long allocated = counter.getCurrentThreadAllocatedBytes() - before;
        assertEquals((long) EVENTS * (EVENTS - 1) / 2, sum);
        // Opening a reader costs a fixed amount (the 1 MiB window, the view, the table lookups); events none.
        assertTrue(allocated < 2L * 1024 * 1024, "allocated " + allocated + " bytes for " + EVENTS + " events");
    }

    private static long read(Path file) throws IOException {
        long sum = 0;
        try (CaptureReader reader = CaptureReader.open(file, EventTable.standard(), warning -> { })) {
            for (EventView event = reader.next(); event != null; event = reader.next()) {
                sum += event.paramLong(1);
            }
        }
        return sum;
    }
}
