package dev.peregrine.plugin.syscall.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.plugin.syscall.SharedSpecs;
import dev.peregrine.plugin.syscall.SyscallPlugin;
import dev.peregrine.plugin.syscall.event.EventDirection;
import dev.peregrine.plugin.syscall.event.EventTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.peregrine.plugin.syscall.capture.CaptureReader;
import dev.peregrine.plugin.syscall.event.ConversionTable;
import dev.peregrine.plugin.syscall.event.EventConverter;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import dev.peregrine.plugin.syscall.testing.CallbackBatch;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay through the plugin's source: exit events reach the host, corrupt files fail with a location. */
class CaptureReplayTest {

    @TempDir
    Path scratch;

    private static List<String> replay(Path capture, List<String> typesSeen) throws PluginException {
        PluginInstance instance = new SyscallPlugin().init(null, "");
        try (EventStream stream = instance.open(capture.toString())) {
            CallbackBatch batch = new CallbackBatch(e -> typesSeen.add(EventTable.standard().info(e.type()).enumName()));
            List<String> statuses = new ArrayList<>();
            for (int guard = 0; guard < 1_000_000; guard++) {
                BatchStatus status = stream.nextBatch(batch);
                if (status == BatchStatus.EOF) {
                    return statuses;
                }
                statuses.add(status.name());
            }
            throw new AssertionError("replay did not reach EOF");
        }
    }

    @Test
    void catWriteReplayDeliversExitAndEnterOnlyEventsButNoSyscallEnterEvents() throws PluginException {
        Path capture = SharedSpecs.require("compat/legacy/trace_files/cat_write.scap");
        List<String> types = new ArrayList<>();
        replay(capture, types);
        assertTrue(types.stream().noneMatch(t -> t.startsWith("PPME_SYSCALL_") && t.endsWith("_E")), types.toString());
        assertEquals(4, types.stream().filter("PPME_SYSCALL_OPEN_X"::equals).count());
        assertEquals(1, types.stream().filter("PPME_SYSCALL_EXECVE_19_X"::equals).count());
        assertEquals(1, types.stream().filter("PPME_PROCEXIT_1_E"::equals).count());
        // sysdig printed 42 syscall exits for this capture; procinfo and procexit come on top
        long exits = types.stream().filter(t -> EventTable.standard().events().stream()
                .anyMatch(i -> i.enumName().equals(t) && i.direction() == EventDirection.EXIT)).count();
        assertEquals(42, exits);
    }

    @Test
    void openingAMissingCaptureFailsWithTheFileName() {
        PluginInstance instance = new SyscallPlugin().init(null, "");
        PluginException error = assertThrows(PluginException.class,
                () -> instance.open(scratch.resolve("nope.scap").toString()));
        assertTrue(error.getMessage().contains("nope.scap"), error.getMessage());
    }

    @Test
    void truncatedCaptureDeliversEveryEventBeforeTheDamageThenReportsBlockAndOffset() throws Exception {
        Path capture = SharedSpecs.require("compat/legacy/trace_files/cat_write.scap");
        List<String> all = new ArrayList<>();
        replay(capture, all);
        byte[] bytes = Files.readAllBytes(capture);
        Path cut = scratch.resolve("cut.scap");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 200));

        PluginInstance instance = new SyscallPlugin().init(null, "");
        List<String> seen = new ArrayList<>();
        PluginException error;
        try (EventStream stream = instance.open(cut.toString())) {
            CallbackBatch batch = new CallbackBatch(e -> seen.add(EventTable.standard().info(e.type()).enumName()));
            error = assertThrows(PluginException.class, () -> {
                while (stream.nextBatch(batch) != BatchStatus.EOF) {
                    // drain until the damage
                }
            });
        }
        assertTrue(error.getMessage().contains(cut.toString()), error.getMessage());
        assertTrue(error.getMessage().matches("(?s).*block \\d+.*byte offset \\d+.*"), error.getMessage());
        assertTrue(seen.size() > 0 && seen.size() < all.size(), seen.size() + " of " + all.size());
        assertEquals(all.subList(0, seen.size()), seen);
    }

    @Test
    void eventsKeepTheConverterNumberingWithGapsForEnterEvents() throws PluginException {
        Path capture = SharedSpecs.require("compat/legacy/trace_files/cat_write.scap");
        PluginInstance instance = new SyscallPlugin().init(null, "");
        List<Long> numbers = new ArrayList<>();
        try (EventStream stream = instance.open(capture.toString())) {
            CallbackBatch batch = new CallbackBatch(e -> numbers.add(e.number()));
            while (stream.nextBatch(batch) != BatchStatus.EOF) {
                // collect
            }
        }
        for (int i = 1; i < numbers.size(); i++) {
            assertTrue(numbers.get(i) > numbers.get(i - 1), "numbers increase");
        }
        assertEquals(1L, numbers.get(0));
    }

    @Test
    void replayMuchLargerThanOneReadAheadChunkDeliversTheConvertersEventsInOrder() throws Exception {
        Path capture = repeatEventBlocks(SharedSpecs.require("compat/legacy/trace_files/open-multiple-files.scap"), 60);
        assertTrue(Files.size(capture) > 8 * EventChunk.CAPACITY, "the capture spans many chunks");

        List<String> expected = new ArrayList<>();
        EventTable table = EventTable.standard();
        SyscallEventTypeCatalog catalog = SyscallEventTypeCatalog.standard();
        try (CaptureReader reader = CaptureReader.open(capture, table, w -> { })) {
            EventConverter converter = new EventConverter(table, ConversionTable.standard());
            EventView read;
            while ((read = reader.next()) != null) {
                EventView event = converter.convert(read);
                if (event != null && catalog.isEvaluated(event.type())) {
                    expected.add(event.number() + " " + event.type() + " " + event.timestampNanos());
                }
            }
        }

        List<String> seen = new ArrayList<>();
        PluginInstance instance = new SyscallPlugin().init(null, "");
        try (EventStream stream = instance.open(capture.toString())) {
            CallbackBatch batch = new CallbackBatch(e -> seen.add(e.number() + " " + e.type() + " " + e.timestampNanos()));
            while (stream.nextBatch(batch) != BatchStatus.EOF) {
                // collect
            }
        }
        assertEquals(expected.size(), seen.size());
        assertEquals(expected, seen);
    }

    /** A copy of {@code source} (gzip or plain) whose event blocks are repeated {@code times} times. */
    private Path repeatEventBlocks(Path source, int times) throws Exception {
        byte[] data = Files.readAllBytes(source);
        if ((data[0] & 0xFF) == 0x1F && (data[1] & 0xFF) == 0x8B) {
            try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
                data = in.readAllBytes();
            }
        }
        ByteBuffer blocks = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        for (int at = 0; at < data.length; ) {
            int type = blocks.getInt(at);
            int length = blocks.getInt(at + 4);
            boolean event = type == 0x204 || type == 0x208 || type == 0x216 || type == 0x217 || type == 0x8010ABCD;
            (event ? events : head).write(data, at, length);
            at += length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        head.writeTo(out);
        for (int i = 0; i < times; i++) {
            events.writeTo(out);
        }
        Path target = scratch.resolve("repeated.scap");
        Files.write(target, out.toByteArray());
        return target;
    }
}
