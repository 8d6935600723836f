package dev.peregrine.plugin.syscall.capture;

import static dev.peregrine.plugin.syscall.capture.ScapBuilder.concat;
import static dev.peregrine.plugin.syscall.capture.ScapBuilder.cstring;
import static dev.peregrine.plugin.syscall.capture.ScapBuilder.str16;
import static dev.peregrine.plugin.syscall.capture.ScapBuilder.u16;
import static dev.peregrine.plugin.syscall.capture.ScapBuilder.u32;
import static dev.peregrine.plugin.syscall.capture.ScapBuilder.u64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The block reader on small synthetic captures: every block kind, and precise errors for bad input. */
class CaptureReaderTest {

    private static final EventTable TABLE = EventTable.standard();
    private static final int CLOSE_X = 5;
    private static final int OPEN_E = 2;
    private static final int PLUGINEVENT_E = 322;
    private static final long TS = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private Path write(byte[] bytes) throws IOException {
        Path file = dir.resolve("test.scap");
        Files.write(file, bytes);
        return file;
    }

    private CaptureReader open(byte[] bytes) throws IOException {
        return CaptureReader.open(write(bytes), TABLE, warnings::add);
    }

    private static ScapBuilder closeEvents(int count) {
        ScapBuilder scap = new ScapBuilder().sectionHeader();
        for (int i = 0; i < count; i++) {
            scap.event(1, TS + i, 42, CLOSE_X, u64(0), u64(3 + i));
        }
        return scap;
    }

    @Test
    void currentEventsAreDeliveredInOrderWithHeaderAndParameters() throws IOException {
        try (CaptureReader reader = open(closeEvents(2).toByteArray())) {
            EventView first = reader.next();
            assertEquals(1, first.number());
            assertEquals(TS, first.timestampNanos());
            assertEquals(42, first.tid());
            assertEquals(CLOSE_X, first.type());
            assertEquals(1, first.cpu());
            assertEquals(2, first.paramCount());
            assertEquals(8, first.paramLength(1));
            assertEquals(3, first.paramLong(1));
            EventView second = reader.next();
            assertEquals(2, second.number());
            assertEquals(4, second.paramSigned(1));
            assertNull(reader.next());
            assertNull(reader.next(), "the end stays the end");
            assertEquals(1, reader.sectionCount());
            assertEquals(1, reader.metadata().header().major());
            assertEquals(2, reader.metadata().header().minor());
        }
    }

    @Test
    void gzipCompressedCapturesReadLikePlainOnes() throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(closeEvents(3).toByteArray());
        }
        try (CaptureReader reader = open(compressed.toByteArray())) {
            int count = 0;
            for (EventView event = reader.next(); event != null; event = reader.next()) {
                assertEquals(TS + count, event.timestampNanos());
                count++;
            }
            assertEquals(3, count);
        }
    }

    @Test
    void legacyHeaderEventsGetTheCurrentHeaderAndTheirParameterCount() throws IOException {
        byte[] scap = new ScapBuilder().sectionHeader()
                .legacyEvent(0, TS, 7, OPEN_E, cstring("/etc/passwd"), u32(1), u32(0644))
                .legacyEvent(0, TS + 1, 7, CLOSE_X, u64(0))
                .toByteArray();
        try (CaptureReader reader = open(scap)) {
            EventView open = reader.next();
            assertEquals(OPEN_E, open.type());
            assertEquals(3, open.paramCount());
            assertEquals(26 + 3 * 2 + 12 + 4 + 4, open.length());
            assertEquals("/etc/passwd", open.paramString(0));
            assertEquals(0644, open.paramInt(2));
            EventView close = reader.next();
            assertEquals(1, close.paramCount(), "old writers stored fewer parameters");
            assertTrue(close.isParamEmpty(1), "absent trailing parameters read as empty");
        }
    }

    @Test
    void legacyLargePayloadEventsGetU32Lengths() throws IOException {
        byte[] scap = new ScapBuilder().sectionHeader()
                .legacyEvent(0, TS, 7, PLUGINEVENT_E, u32(5), new byte[] {1, 2, 3})
                .toByteArray();
        try (CaptureReader reader = open(scap)) {
            EventView event = reader.next();
            assertEquals(2, event.paramCount());
            assertEquals(4, event.lengthSize());
            assertEquals(26 + 2 * 4 + 4 + 3, event.length());
            assertEquals(5, event.paramInt(0));
            assertEquals(3, event.paramLength(1));
            assertEquals(3, event.buffer().get(event.paramOffset(1) + 2));
        }
    }

    @Test
    void flaggedAndLargePayloadBlocksCarryCpuFlagsAndU32Lengths() throws IOException {
        byte[] data = new byte[70_000];
        data[69_999] = 9;
        byte[] scap = new ScapBuilder().sectionHeader()
                .eventWithFlags(3, 0x5, TS, 9, CLOSE_X, u64(0), u64(1))
                .largeEvent(2, TS + 1, 9, PLUGINEVENT_E, u32(999), data)
                .toByteArray();
        try (CaptureReader reader = open(scap)) {
            EventView flagged = reader.next();
            assertEquals(3, flagged.cpu());
            assertEquals(5, flagged.driverFlags());
            EventView large = reader.next();
            assertEquals(4, large.lengthSize());
            assertEquals(999, large.paramInt(0));
            assertEquals(70_000, large.paramLength(1));
            byte[] copy = new byte[70_000];
            assertEquals(70_000, large.copyParam(1, copy, 0));
            assertArrayEquals(data, copy);
        }
    }

    @Test
    void metadataBlocksBecomeRecords() throws IOException {
        byte[] machine = concat(u32(4), u64(8L << 30), u64(4_194_304), fixed("host-a", 128), u64(TS - 1000), u64(0),
                u64(0), u64(0));
        byte[] process = concat(u64(100), u64(100), u64(1), str16("bash"), str16("/bin/bash"),
                str16("-c\0echo hi\0"), str16("/root"), u64(1024), u32(0), u32(0), u32(0));
        byte[] fds = concat(u64(100),
                u64(0), u64(11), new byte[] {1}, str16("/dev/pts/0"),
                u64(3), u64(12), new byte[] {3}, new byte[] {127, 0, 0, 1}, new byte[] {10, 0, 0, 2}, u16(5555),
                u16(80), new byte[] {1});
        byte[] users = concat(new byte[] {0}, u32(0), u32(0), str16("root"), str16("/root"), str16("/bin/sh"),
                new byte[] {1}, u32(5), str16("tty"));
        byte[] interfaces = concat(u16(1), u16(2), new byte[] {127, 0, 0, 1}, new byte[] {(byte) 255, 0, 0, 0},
                new byte[] {127, 0, 0, 1}, u64(0), "lo".getBytes());
        byte[] scap = new ScapBuilder().sectionHeader()
                .block(BlockType.MACHINE_INFO, machine)
                .block(BlockType.INTERFACE_LIST, interfaces)
                .block(BlockType.USER_LIST, users)
                .block(BlockType.PROCESS_LIST_V1, process)
                .block(BlockType.FD_LIST, fds)
                .event(0, TS, 100, CLOSE_X, u64(0), u64(3))
                .toByteArray();
        try (CaptureReader reader = open(scap)) {
            CaptureMetadata metadata = reader.metadata();
            assertEquals(new MachineInfo(4, 8L << 30, 4_194_304, "host-a", TS - 1000, 0), metadata.machine());
            ProcessEntry bash = metadata.processes().getFirst();
            assertEquals("bash", bash.comm());
            assertEquals(List.of("-c", "echo hi"), bash.args());
            assertEquals(-1, bash.vtid(), "v1 lists have no virtual ids");
            assertEquals(0xFFFF_FFFFL, bash.loginUid());
            assertEquals(new FdEntry.Named(100, 0, 11, FdKind.FILE, 0, "/dev/pts/0", 0), metadata.fds().get(0));
            FdEntry.InetSocket socket = (FdEntry.InetSocket) metadata.fds().get(1);
            assertArrayEquals(new byte[] {10, 0, 0, 2}, socket.destinationAddress());
            assertEquals(80, socket.destinationPort());
            assertEquals(List.of(new UserEntry(0, 0, "root", "/root", "/bin/sh")), metadata.users());
            assertEquals(List.of(new GroupEntry(5, "tty")), metadata.groups());
            assertEquals("lo", metadata.interfaces().getFirst().name());
            assertNotNull(reader.next());
        }
    }

    @Test
    void unknownBlocksAndEventTypesAreSkippedCountedAndReported() throws IOException {
        byte[] scap = new ScapBuilder().sectionHeader()
                .block(0x999, new byte[] {1, 2, 3, 4})
                .event(0, TS, 1, 9999, u64(0))
                .event(0, TS, 1, 9999, u64(0))
                .event(0, TS + 1, 1, CLOSE_X, u64(0), u64(3))
                .toByteArray();
        try (CaptureReader reader = open(scap)) {
            EventView event = reader.next();
            assertEquals(CLOSE_X, event.type());
            assertEquals(1, event.number(), "skipped events take no number");
            assertNull(reader.next());
            assertEquals(1, reader.skippedBlocks());
            assertEquals(2, reader.skippedEvents());
        }
        assertEquals(List.of(dir.resolve("test.scap") + ": skipped unknown block 0x999 (block 2) of 4 bytes",
                dir.resolve("test.scap") + ": skipped event of type 9999 (block 3), unknown to this event table of "
                        + TABLE.size() + " types; further events of this type are skipped quietly and counted"),
                warnings);
    }

    @Test
    void aSecondSectionHeaderStartsNewTables() throws IOException {
        byte[] scap = closeEvents(1).sectionHeader(CaptureReader.BYTE_ORDER_MAGIC, 1, 0)
                .event(0, TS + 5, 1, CLOSE_X, u64(0), u64(3))
                .toByteArray();
        try (CaptureReader reader = open(scap)) {
            assertEquals(2, reader.metadata().header().minor());
            reader.next();
            EventView event = reader.next();
            assertEquals(TS + 5, event.timestampNanos());
            assertEquals(2, reader.sectionCount());
            assertEquals(0, reader.metadata().header().minor());
        }
    }

    // ---- malformed input ----

    private String failure(byte[] bytes, int goodEvents) throws IOException {
        Path file = write(bytes);
        CaptureException error = assertThrows(CaptureException.class, () -> {
            try (CaptureReader reader = CaptureReader.open(file, TABLE, warnings::add)) {
                for (int i = 0; i < goodEvents; i++) {
                    assertNotNull(reader.next(), "event " + (i + 1) + " before the damage");
                }
                reader.next();
            }
        });
        return error.getMessage().substring(file.toString().length());
    }

    @Test
    void aTruncatedFileNamesTheBlockAndWhatIsMissing() throws IOException {
        byte[] whole = closeEvents(2).toByteArray();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 5);
        // SHB is 28 bytes, each close event block 60: the second event block starts at 88.
        assertEquals(": block 3 (event v2 block 0x216), byte offset 92: block length 60 runs past the end of the file"
                + " (only 55 bytes are left)", failure(cut, 1));
    }

    @Test
    void aFileEndingInsideABlockHeaderIsTruncated() throws IOException {
        byte[] whole = closeEvents(1).toByteArray();
        byte[] cut = concat(whole, new byte[] {0x16, 0x02, 0, 0, 60});
        assertEquals(": block 3, byte offset 88: expected a block header of 8 bytes but the file ends after 5 bytes",
                failure(cut, 1));
    }

    @Test
    void aBadMagicIsRejectedWithTheValueFound() throws IOException {
        byte[] scap = new ScapBuilder().sectionHeader(0x11223344, 1, 0).toByteArray();
        assertEquals(": block 1 (section header block 0xA0D0D0A), byte offset 8: expected byte order magic"
                + " 0x1A2B3C4D but found 0x11223344", failure(scap, 0));
    }

    @Test
    void aBigEndianCaptureIsRejectedAsUnsupported() throws IOException {
        byte[] scap = new ScapBuilder().sectionHeader(0x4D3C2B1A, 1, 0).toByteArray();
        assertEquals(": block 1 (section header block 0xA0D0D0A), byte offset 8: the capture was written on a"
                + " big-endian host, which is not supported", failure(scap, 0));
    }

    @Test
    void aNewerMajorVersionIsRejected() throws IOException {
        byte[] scap = new ScapBuilder().sectionHeader(CaptureReader.BYTE_ORDER_MAGIC, 2, 0).toByteArray();
        assertEquals(": block 1 (section header block 0xA0D0D0A), byte offset 12: capture format version 2.0 is"
                + " newer than the supported 1.x", failure(scap, 0));
    }

    @Test
    void aFileThatDoesNotStartWithASectionHeaderIsNoCapture() throws IOException {
        byte[] scap = new ScapBuilder().event(0, TS, 1, CLOSE_X, u64(0)).toByteArray();
        assertEquals(": block 1 (event v2 block 0x216), byte offset 0: expected a section header block (0x0A0D0D0A)"
                + " at the start of the file; this is not a scap capture", failure(scap, 0));
    }

    @Test
    void anEmptyFileAndAFileWithoutEventsAreErrors() throws IOException {
        assertEquals(": byte offset 0: the file is empty; expected a section header block", failure(new byte[0], 0));
        assertEquals(": byte offset 28: no events in file", failure(new ScapBuilder().sectionHeader().toByteArray(), 0));
    }

    @Test
    void aBlockLengthRunningPastTheEndOfFileIsReported() throws IOException {
        byte[] scap = closeEvents(1).rawBlock(BlockType.EVENT_V2, 4096, new byte[48], 4096).toByteArray();
        assertEquals(": block 3 (event v2 block 0x216), byte offset 92: block length 4096 runs past the end of the"
                + " file (only 60 bytes are left)", failure(scap, 1));
    }

    @Test
    void aTrailerThatDisagreesWithTheHeaderIsReported() throws IOException {
        byte[] body = concat(u16(0), ScapBuilder.eventBytes(TS, 1, CLOSE_X, 2, u64(0), u64(3)));
        byte[] scap = new ScapBuilder().sectionHeader().rawBlock(BlockType.EVENT_V2, 60, body, 64).toByteArray();
        assertEquals(": block 2 (event v2 block 0x216), byte offset 84: block trailer length 64 differs from the"
                + " header length 60", failure(scap, 0));
    }

    @Test
    void parameterLengthsPastTheEventLengthAreReported() throws IOException {
        byte[] event = ScapBuilder.eventBytes(TS, 1, CLOSE_X, 2, u64(0), u64(3));
        ByteBuffer.wrap(event).order(ByteOrder.LITTLE_ENDIAN).putShort(28, (short) 12);
        byte[] scap = new ScapBuilder().sectionHeader().block(BlockType.EVENT_V2, concat(u16(0), event)).toByteArray();
        assertEquals(": block 2 (event v2 block 0x216), byte offset 38: parameter 1 (fd) of PPME_SYSCALL_CLOSE_X"
                + " ends at byte 50, past the event length 46", failure(scap, 0));
    }

    @Test
    void moreParametersThanTheTableDeclaresAreReported() throws IOException {
        byte[] scap = new ScapBuilder().sectionHeader()
                .event(0, TS, 1, CLOSE_X, u64(0), u64(3), u64(4)).toByteArray();
        assertEquals(": block 2 (event v2 block 0x216), byte offset 38: event PPME_SYSCALL_CLOSE_X declares 3"
                + " parameters but the table has 2", failure(scap, 0));
    }

    @Test
    void anEventLengthPastItsBlockIsReported() throws IOException {
        byte[] event = ScapBuilder.eventBytes(TS, 1, CLOSE_X, 2, u64(0), u64(3));
        ByteBuffer.wrap(event).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 200);
        byte[] scap = new ScapBuilder().sectionHeader().block(BlockType.EVENT_V2, concat(u16(0), event)).toByteArray();
        assertEquals(": block 2 (event v2 block 0x216), byte offset 38: event length 200 runs past the end of its"
                + " block (46 bytes)", failure(scap, 0));
    }

    @Test
    void aTruncatedProcessEntryNamesTheField() throws IOException {
        byte[] process = concat(u64(100), u64(100), u64(1), str16("bash"));
        byte[] scap = new ScapBuilder().sectionHeader().block(BlockType.PROCESS_LIST_V1, process).toByteArray();
        // The body is padded to 32 bytes: the two padding bytes read as an empty exe, then args is missing.
        assertEquals(": block 2 (process list v1 block 0x202), byte offset 68: expected args length (2 bytes) but"
                + " only 0 bytes are left in the entry", failure(scap, 0));
    }

    @Test
    void aCutGzipCaptureDeliversTheEventsBeforeTheDamage() throws IOException {
        Path original = dev.peregrine.plugin.syscall.SharedSpecs.require("compat/legacy/trace_files/cat_write.scap");
        byte[] bytes = Files.readAllBytes(original);
        Path cut = write(java.util.Arrays.copyOf(bytes, bytes.length - 200));
        long delivered = 0;
        CaptureException error = null;
        try (CaptureReader reader = CaptureReader.open(cut, TABLE, warnings::add)) {
            while (reader.next() != null) {
                delivered++;
            }
        } catch (CaptureException e) {
            error = e;
        }
        assertNotNull(error, "a cut file must not end quietly");
        assertTrue(delivered > 0, "events before the cut are delivered");
        assertTrue(error.getMessage().contains("the compressed file ends in the middle of the gzip stream"),
                error.getMessage());
        assertTrue(error.blockNumber() > 1 && error.offset() > 0, error.getMessage());
    }

    private static byte[] fixed(String text, int size) {
        return java.util.Arrays.copyOf(text.getBytes(), size);
    }
}
