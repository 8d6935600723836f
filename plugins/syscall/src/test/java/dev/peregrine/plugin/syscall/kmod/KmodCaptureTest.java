package dev.peregrine.plugin.syscall.kmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
import dev.peregrine.plugin.syscall.capture.CaptureReader;
import dev.peregrine.plugin.syscall.capture.CaptureWriter;
import dev.peregrine.plugin.syscall.capture.SectionHeader;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import dev.peregrine.plugin.syscall.state.SyscallEvent;
import dev.peregrine.plugin.syscall.state.SyscallState;
import dev.peregrine.plugin.syscall.testing.CallbackBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kmod event stream over file-backed rings: merge, state, batches, recording for {@code -w}. */
class KmodCaptureTest {

    private static final EventTable TABLE = EventTable.standard();

    @TempDir
    Path dir;

    @Test
    void eventsOfAllRingsReachTheHostInTimestampOrderAndAreRecorded() throws Exception {
        Path f0 = dir.resolve("cpu0");
        Path f1 = dir.resolve("cpu1");
        Path out = dir.resolve("out.scap");
        CaptureMetadata empty = new CaptureMetadata(new SectionHeader(1, 2, -1, 0), null, List.of(), List.of(),
                List.of(), List.of(), List.of());
        try (FileRingProducer p0 = new FileRingProducer(f0, DeviceRingTest.SIZE);
             FileRingProducer p1 = new FileRingProducer(f1, DeviceRingTest.SIZE)) {
            p0.write(DeviceRingTest.event(100, 11, 3));
            p1.write(DeviceRingTest.event(50, 22, 3));
            p0.write(DeviceRingTest.event(300, 11, 3));
            SyscallState state = new SyscallState(TABLE, empty);
            List<String> seen = new ArrayList<>();
            EventBatch batch = new CallbackBatch(event -> {
                EventView view = ((SyscallEvent) event).view();
                seen.add(view.timestampNanos() + "/" + view.tid() + "@" + view.cpu());
            });
            try (KmodCapture capture = KmodCapture.overRingFiles(List.of(f0, f1), DeviceRingTest.SIZE, TABLE, state,
                    SyscallEventTypeCatalog.standard(), CaptureWriter.forLive(out, empty))) {
                while (seen.size() < 3) {
                    assertEquals(BatchStatus.SUCCESS, capture.nextBatch(batch));
                }
                assertEquals(BatchStatus.TIMEOUT, capture.nextBatch(batch), "nothing more in the rings right now");
                p1.write(DeviceRingTest.event(400, 22, 0));
                assertEquals(BatchStatus.SUCCESS, capture.nextBatch(batch));
                assertEquals(4, capture.counters().events());
                assertEquals(4L, capture.driverCounters().get("n_evts"), "the drop monitor reads Falco's names");
                assertEquals(0L, capture.driverCounters().get("n_drops_buffer_total"));
                assertEquals(capture.counters().totalDrops(), capture.driverDrops());
                assertEquals(22, state.thread().tid(), "the state saw the event");
            }
            assertEquals(List.of("50/22@1", "100/11@0", "300/11@0", "400/22@1"), seen);
            try (CaptureReader reader = CaptureReader.open(out)) {
                List<String> recorded = new ArrayList<>();
                for (EventView e = reader.next(); e != null; e = reader.next()) {
                    recorded.add(e.timestampNanos() + "/" + e.tid() + "@" + e.cpu());
                }
                assertEquals(seen, recorded, "-w records what the rings delivered");
            }
        }
    }

    @Test
    void aMissingDeviceSaysTheModuleIsNotLoaded() {
        KmodSettings settings = new KmodSettings(dir, "falco", dir.resolve("sys"), 8 << 20, 80, false,
                java.util.Set.of(), new boolean[512]);
        PluginException e = assertThrows(PluginException.class, () -> KmodDevices.open(settings));
        assertEquals("no " + dir.resolve("falco0") + ": the Falco kernel module is not loaded", e.getMessage());
    }

    @Test
    void onThisMachineDevFalcoIsAbsent() {
        org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.exists(Path.of("/dev/falco0")),
                "a Falco kernel module is loaded here");
        PluginException e = assertThrows(PluginException.class, () -> KmodCapture.requireLoaded(Path.of("/dev"),
                "falco"));
        assertEquals("no /dev/falco0: the Falco kernel module is not loaded", e.getMessage());
    }
}
