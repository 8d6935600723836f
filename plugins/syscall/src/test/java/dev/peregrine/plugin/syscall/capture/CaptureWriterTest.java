package dev.peregrine.plugin.syscall.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.plugin.syscall.SharedSpecs;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaptureWriterTest {

    private static final EventTable TABLE = EventTable.standard();

    @TempDir
    Path dir;

    /** What a reader delivers for one event. */
    private record Delivered(long number, int cpu, int flags, byte[] bytes) {
    }

    static List<Delivered> events(CaptureReader reader) throws IOException {
        List<Delivered> out = new ArrayList<>();
        for (EventView e = reader.next(); e != null; e = reader.next()) {
            out.add(new Delivered(e.number(), e.cpu(), e.driverFlags(), e.toByteArray()));
        }
        return out;
    }

    /** Copies a capture through the writer: the metadata, then every event as read. */
    static void copy(Path source, Path target) throws IOException {
        try (CaptureReader reader = CaptureReader.open(source, TABLE, w -> { });
             CaptureWriter writer = CaptureWriter.open(target, reader.metadata())) {
            for (EventView e = reader.next(); e != null; e = reader.next()) {
                writer.record(e);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cat_write", "connect_localhost", "empty", "open-multiple-files", "ping_sendto", "syscall"})
    void aCorpusCaptureCopiedThroughTheWriterReadsBackIdentically(String capture) throws IOException {
        Path source = SharedSpecs.require("compat/legacy/trace_files/" + capture + ".scap");
        Path copy = dir.resolve(capture + ".scap");
        copy(source, copy);
        List<Delivered> original;
        List<Delivered> copied;
        String originalMetadata;
        String copiedMetadata;
        try (CaptureReader a = CaptureReader.open(source, TABLE, w -> { });
             CaptureReader b = CaptureReader.open(copy, TABLE, w -> { })) {
            originalMetadata = MetadataText.of(a.metadata());
            copiedMetadata = MetadataText.of(b.metadata());
            original = events(a);
            copied = events(b);
            assertEquals(0, b.skippedBlocks());
        }
        assertEquals(originalMetadata, copiedMetadata);
        assertEquals(original.size(), copied.size());
        for (int i = 0; i < original.size(); i++) {
            Delivered x = original.get(i);
            Delivered y = copied.get(i);
            assertEquals(x.number(), y.number());
            assertEquals(x.cpu(), y.cpu(), "cpu of event " + x.number());
            assertEquals(x.flags(), y.flags(), "flags of event " + x.number());
            assertArrayEquals(x.bytes(), y.bytes(), "bytes of event " + x.number());
        }
    }

    @Test
    void everyFdKindAndProcessFieldSurvivesTheRoundTrip() throws IOException {
        CaptureMetadata metadata = SampleMetadata.everyKind();
        Path file = dir.resolve("sample.scap");
        byte[] event = ScapBuilder.eventBytes(1_700_000_000_000_000_000L, 42, 3, 2, new byte[] {7, 0, 0, 0});
        try (CaptureWriter writer = CaptureWriter.open(file, metadata)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(event);
            writer.record(buffer, 0, event.length, 1, 0, false);
            writer.record(buffer, 0, event.length, 3, 0x10, false);
            assertEquals(2, writer.eventCount());
        }
        try (CaptureReader reader = CaptureReader.open(file, TABLE, w -> { })) {
            assertEquals(MetadataText.of(metadata), MetadataText.of(reader.metadata()));
            List<Delivered> read = events(reader);
            assertEquals(2, read.size());
            assertArrayEquals(event, read.get(0).bytes());
            assertEquals(1, read.get(0).cpu());
            assertEquals(3, read.get(1).cpu());
            assertEquals(0x10, read.get(1).flags());
        }
    }

    @Test
    void aWriterWithManyEventsStreamsThemAllToTheFile() throws IOException {
        Path file = dir.resolve("many.scap");
        byte[] event = ScapBuilder.eventBytes(5, 42, 3, 2, new byte[1000]);
        int count = 5000; // about 5 MB, far more than the writer's buffer
        try (CaptureWriter writer = CaptureWriter.open(file, SampleMetadata.minimal())) {
            for (int i = 0; i < count; i++) {
                writer.record(java.nio.ByteBuffer.wrap(event), 0, event.length, 0, 0, false);
            }
        }
        assertTrue(Files.size(file) > (long) count * event.length);
        try (CaptureReader reader = CaptureReader.open(file, TABLE, w -> { })) {
            assertEquals(count, events(reader).size());
        }
    }

    @Test
    void liveCapturesWriteGenericEventsWithCodeZeroAndKeepTheNativeNumber() throws IOException {
        Path live = dir.resolve("live.scap");
        Path plain = dir.resolve("plain.scap");
        // a generic exit of statx: PPM_SC code 367, x86_64 native number 332 (beyond sysdig 0.29's table)
        byte[] generic = ScapBuilder.eventBytes(7, 42, 1, 2, ScapBuilder.u16(367), ScapBuilder.u16(332));
        try (EventRecorder writer = CaptureWriter.forLive(live, SampleMetadata.minimal());
             CaptureWriter same = CaptureWriter.open(plain, SampleMetadata.minimal())) {
            ((CaptureWriter) writer).record(java.nio.ByteBuffer.wrap(generic), 0, generic.length, 0, 0, false);
            same.record(java.nio.ByteBuffer.wrap(generic), 0, generic.length, 0, 0, false);
        }
        try (CaptureReader reader = CaptureReader.open(live, TABLE, w -> { })) {
            var event = reader.next();
            assertEquals(0, event.paramU16(0));
            assertEquals(332, event.paramU16(1));
        }
        try (CaptureReader reader = CaptureReader.open(plain, TABLE, w -> { })) {
            assertEquals(367, reader.next().paramU16(0), "replay -w keeps events byte for byte");
        }
        assertEquals(367, java.nio.ByteBuffer.wrap(generic).order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort(30),
                "the source buffer is not modified");
    }

    @Test
    void aMissingDirectoryFailsWithASentence() {
        Path file = dir.resolve("no/such/dir/out.scap");
        CaptureException e = assertThrows(CaptureException.class,
                () -> CaptureWriter.open(file, SampleMetadata.minimal()));
        assertEquals(file + ": cannot create the capture file: its directory does not exist", e.getMessage());
    }

    @Test
    void aDirectoryAsTargetFailsWithASentence() {
        CaptureException e = assertThrows(CaptureException.class,
                () -> CaptureWriter.open(dir, SampleMetadata.minimal()));
        assertTrue(e.getMessage().startsWith(dir + ": cannot create the capture file"), e.getMessage());
    }

    @Test
    void recordingAfterCloseFails() throws IOException {
        CaptureWriter writer = CaptureWriter.open(dir.resolve("closed.scap"), SampleMetadata.minimal());
        writer.close();
        byte[] event = ScapBuilder.eventBytes(5, 42, 3, 2);
        IOException e = assertThrows(IOException.class,
                () -> writer.record(java.nio.ByteBuffer.wrap(event), 0, event.length, 0, 0, false));
        assertTrue(e.getMessage().endsWith("the capture writer is closed"), e.getMessage());
    }
}
