package dev.peregrine.plugin.syscall.capture;

import static dev.peregrine.plugin.syscall.capture.ScapBuilder.concat;
import static dev.peregrine.plugin.syscall.capture.ScapBuilder.str16;
import static dev.peregrine.plugin.syscall.capture.ScapBuilder.u16;
import static dev.peregrine.plugin.syscall.capture.ScapBuilder.u32;
import static dev.peregrine.plugin.syscall.capture.ScapBuilder.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.plugin.syscall.event.EventTable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Versioned metadata layouts: v9 process entries with their optional tail, v2 fd entries. */
class MetadataBlockTest {

    private static final int CLOSE_X = 5;

    private final List<String> warnings = new ArrayList<>();

    private CaptureReader read(ScapBuilder scap) throws IOException {
        byte[] bytes = scap.event(0, 1, 1, CLOSE_X, u64(0), u64(1)).toByteArray();
        return CaptureReader.open(new ByteArrayInputStream(bytes), "synthetic.scap", EventTable.standard(),
                warnings::add);
    }

    /** The fields every v9 entry has (after entry_len), for tid 200. */
    private static byte[] v9Common() {
        return concat(u64(200), u64(200), u64(1), u64(200), u64(200),
                str16("nginx"), str16("nginx"), str16("/usr/sbin/nginx"), str16("-g\0daemon off;\0"), str16("/"),
                u64(1024), u32(0), u32(33), u32(33),
                u32(100), u32(50), u32(0), u64(1), u64(2),
                str16("PATH=/bin\0"), u64(1), u64(1), str16("cpu=/docker/abc\0"), str16("/"));
    }

    private static byte[] v9Entry(byte[] tail) {
        byte[] body = concat(v9Common(), tail);
        return concat(u32(body.length + 4), body);
    }

    @Test
    void v9EntriesReadEveryOptionalFieldThatFits() throws IOException {
        byte[] tail = concat(u64(5_000), u32(34816), u32(1000), new byte[] {1}, u64(0), u64(0x3FF), u64(0x3FF),
                new byte[] {0}, u64(777), u64(11), u64(12), new byte[] {0}, new byte[] {1}, u64(200));
        byte[] shortTail = u32(1001); // a writer that stopped after loginuid (fewer than 29 bytes: no pidns/tty)
        try (CaptureReader reader = read(new ScapBuilder().sectionHeader()
                .block(BlockType.PROCESS_LIST_V9, concat(v9Entry(tail), v9Entry(shortTail))))) {
            ProcessEntry full = reader.metadata().processes().get(0);
            assertEquals("/usr/sbin/nginx", full.exePath());
            assertEquals(List.of("-g", "daemon off;"), full.args());
            assertEquals(List.of("cpu=/docker/abc"), full.cgroups());
            assertEquals(5_000, full.pidNamespaceInitStartNanos());
            assertEquals(34816, full.tty());
            assertEquals(1000, full.loginUid());
            assertTrue(full.exeWritable());
            assertEquals(0x3FF, full.capEffective());
            assertEquals(777, full.exeInode());
            assertTrue(full.exeLowerLayer());
            assertEquals(200, full.pgid());
            ProcessEntry old = reader.metadata().processes().get(1);
            assertEquals(0, old.tty());
            assertEquals(1001, old.loginUid(), "pre-0.10 writers start the tail at loginuid");
            assertEquals(-1, old.pgid());
        }
    }

    @Test
    void v2FdEntriesSkipUnknownKindsByTheirLength() throws IOException {
        byte[] file = concat(u64(3), u64(9), new byte[] {16}, u32(0x41), str16("/var/log/x"), u32(2049));
        byte[] future = concat(u64(4), u64(10), new byte[] {99}, new byte[] {1, 2, 3, 4, 5});
        byte[] body = concat(u64(200), u32(file.length + 4), file, u32(future.length + 4), future);
        try (CaptureReader reader = read(new ScapBuilder().sectionHeader().block(BlockType.FD_LIST_V2, body))) {
            assertEquals(List.of(new FdEntry.Named(200, 3, 9, FdKind.FILE_V2, 0x41, "/var/log/x", 2049),
                    new FdEntry.Named(200, 4, 10, FdKind.UNSUPPORTED, 0, "unknown-type:[99]", 0)),
                    reader.metadata().fds());
        }
    }

    @Test
    void metadataBlocksAmongTheEventsAreSkippedWithAWarning() throws IOException {
        byte[] bytes = new ScapBuilder().sectionHeader()
                .event(0, 1, 1, CLOSE_X, u64(0), u64(1))
                .block(BlockType.USER_LIST, concat(new byte[] {1}, u32(5), str16("tty")))
                .event(0, 2, 1, CLOSE_X, u64(0), u64(1))
                .toByteArray();
        try (CaptureReader reader = CaptureReader.open(new ByteArrayInputStream(bytes), "synthetic.scap",
                EventTable.standard(), warnings::add)) {
            assertNotNull(reader.next());
            assertEquals(2, reader.next().timestampNanos());
            assertEquals(1, reader.skippedBlocks());
            assertTrue(reader.metadata().groups().isEmpty());
        }
        assertEquals(List.of("synthetic.scap: skipped user list block 0x206 (block 3) found among the events"), warnings);
    }

    @Test
    void anInterfaceOfUnknownTypeIsACorruptList() {
        byte[] body = concat(u16(7), u16(2), new byte[12], "lo".getBytes());
        CaptureException error = org.junit.jupiter.api.Assertions.assertThrows(CaptureException.class,
                () -> read(new ScapBuilder().sectionHeader().block(BlockType.INTERFACE_LIST, body)));
        assertEquals("synthetic.scap: block 2 (interface list block 0x205), byte offset 36: interface type 7 is"
                + " none of 1 (IPv4), 2 (IPv6), 3 (IPv4 without link speed), 4 (IPv6 without link speed)",
                error.getMessage());
        assertFalse(error.getMessage().contains("Exception"));
    }
}
