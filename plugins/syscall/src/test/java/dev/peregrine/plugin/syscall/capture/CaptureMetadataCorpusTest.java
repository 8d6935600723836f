package dev.peregrine.plugin.syscall.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.plugin.syscall.SharedSpecs;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Metadata of corpus captures written by old (PL v6, FDL v1) and current (PL v9, FDL/UL/IL v2) writers. */
class CaptureMetadataCorpusTest {

    private static CaptureMetadata metadata(String capture) throws IOException {
        Path file = SharedSpecs.require("compat/legacy/trace_files/" + capture + ".scap");
        try (CaptureReader reader = CaptureReader.open(file)) {
            return reader.metadata();
        }
    }

    @Test
    void currentWriterBlocksDecode() throws IOException {
        CaptureMetadata metadata = metadata("empty");
        assertEquals(2, metadata.header().minor());
        ProcessEntry init = metadata.processes().getFirst();
        assertEquals(1, init.tid());
        assertEquals("systemd", init.comm());
        assertEquals("/sbin/init", init.exe());
        assertEquals("/lib/systemd/systemd", init.exePath());
        assertTrue(metadata.processes().stream().allMatch(p -> p.tid() > 0 && p.pid() > 0), "sane ids");
        assertEquals(new FdEntry.Named(1, 0, 6, FdKind.FILE_V2, 3, "/dev/null", 6), metadata.fds().getFirst());
        assertEquals(new UserEntry(0, 0, "root", "/root", "/bin/bash"), metadata.users().getFirst());
        NetworkInterface loopback = metadata.interfaces().getFirst();
        assertEquals("lo", loopback.name());
        assertEquals(127, loopback.address()[0]);
        assertTrue(metadata.machine().cpuCount() > 0);
    }

    @Test
    void oldWriterBlocksDecode() throws IOException {
        CaptureMetadata metadata = metadata("cat_write");
        assertEquals(0, metadata.header().minor());
        ProcessEntry bash = metadata.processes().stream().filter(p -> p.tid() == 11310).findFirst().orElseThrow();
        assertEquals("bash", bash.comm());
        assertEquals("", bash.exePath(), "v6 lists have no exepath");
        assertEquals(0xFFFF_FFFFL, bash.loginUid(), "v6 lists have no loginuid");
        assertTrue(metadata.fds().stream().anyMatch(fd -> fd.tid() == 11310), "fds of bash");
    }
}
