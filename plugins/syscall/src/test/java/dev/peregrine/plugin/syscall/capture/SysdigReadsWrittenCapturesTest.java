package dev.peregrine.plugin.syscall.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peregrine.plugin.syscall.SharedSpecs;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-checks the writer against an implementation we did not write: sysdig 0.29 must read a capture
 * copied through {@link CaptureWriter} exactly as it reads the original (event numbers, types, thread
 * names from the process list and fd names from the fd lists). Skips loudly without sysdig.
 */
class SysdigReadsWrittenCapturesTest {

    static final Path SYSDIG = Path.of("/usr/bin/sysdig");
    static final String FORMAT = "*%evt.num %evt.type %thread.tid %proc.name %proc.pname %fd.name %user.name";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsSysdig() {
        if (!Files.isExecutable(SYSDIG)) {
            System.err.println("SKIPPED: " + SYSDIG + " is not installed; the sysdig cross-check of the capture "
                    + "writer did not run (apt-get install sysdig)");
        }
        assumeTrue(Files.isExecutable(SYSDIG), SYSDIG + " is not installed; skipping the sysdig cross-check");
    }

    static List<String> sysdig(Path capture, String format) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(SYSDIG.toString(), "-r", capture.toString(), "-p", format)
                .redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), "sysdig did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "sysdig failed on " + capture + ":\n" + text);
        return text.lines().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cat_write", "connect_localhost", "empty", "open-multiple-files", "ping_sendto", "syscall"})
    void sysdigReadsACopiedCaptureLikeTheOriginal(String capture) throws Exception {
        Path source = SharedSpecs.require("compat/legacy/trace_files/" + capture + ".scap");
        Path copy = dir.resolve(capture + ".scap");
        CaptureWriterTest.copy(source, copy);
        List<String> original = sysdig(source, FORMAT);
        List<String> copied = sysdig(copy, FORMAT);
        // empty.scap holds only events sysdig hides (procinfo); every other capture has visible events.
        assertEquals(capture.equals("empty"), original.isEmpty(), "events sysdig shows for the original");
        assertEquals(String.join("\n", original), String.join("\n", copied));
    }

    @org.junit.jupiter.api.Test
    void sysdigReadsALargePayloadEventBlock() throws Exception {
        Path source = SharedSpecs.require("compat/legacy/trace_files/ping_sendto.scap");
        Path copy = dir.resolve("large.scap");
        byte[] json = "{\"container\":{\"id\":\"0123456789ab\",\"name\":\"web\",\"image\":\"nginx\",\"type\":0}}\0"
                .getBytes(StandardCharsets.UTF_8);
        long last = 0;
        long tid = 0;
        try (CaptureReader reader = CaptureReader.open(source, EventTable.standard(), w -> { });
             CaptureWriter writer = CaptureWriter.open(copy, reader.metadata())) {
            for (EventView e = reader.next(); e != null; e = reader.next()) {
                writer.record(e);
                last = e.timestampNanos();
                tid = e.tid();
            }
            // PPME_CONTAINER_JSON_2_E (324) has EF_LARGE_PAYLOAD: u32 parameter lengths, large block 0x221
            ByteBuffer event = ByteBuffer.allocate(26 + 4 + json.length).order(ByteOrder.LITTLE_ENDIAN);
            event.putLong(last + 1).putLong(tid).putInt(event.capacity()).putShort((short) 324).putInt(1);
            event.putInt(json.length).put(json);
            writer.record(event, 0, event.capacity(), 0, 0, true);
        }
        List<String> lines = sysdig(copy, "*%evt.num %evt.type");
        assertEquals("container", lines.get(lines.size() - 1).split(" ")[1], "sysdig read the large block");
        try (CaptureReader reader = CaptureReader.open(copy, EventTable.standard(), w -> { })) {
            EventView e = reader.next();
            EventView lastRead = null;
            for (; e != null; e = reader.next()) {
                lastRead = e;
            }
            assertEquals(324, lastRead.type());
            assertEquals(json.length, lastRead.paramLength(0));
        }
    }
}
