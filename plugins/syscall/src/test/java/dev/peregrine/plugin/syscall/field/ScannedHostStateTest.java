package dev.peregrine.plugin.syscall.field;

import static dev.peregrine.plugin.syscall.state.SyntheticEvents.i64;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.syscall.SyscallPlugin;
import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
import dev.peregrine.plugin.syscall.capture.FdEntry;
import dev.peregrine.plugin.syscall.capture.ProcessEntry;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.procfs.ProcScanner;
import dev.peregrine.plugin.syscall.state.SyntheticEvents;
import dev.peregrine.plugin.syscall.state.SyscallEvent;
import dev.peregrine.plugin.syscall.state.SyscallState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner on the real {@code /proc}: this JVM must appear, and the state seeded from it must know it. */
class ScannedHostStateTest {

    @TempDir
    Path dir;

    private static long fdOf(CaptureMetadata m, long pid, String name) {
        return m.fds().stream().filter(f -> f.tid() == pid && f instanceof FdEntry.Named n && n.name().equals(name))
                .mapToLong(FdEntry::fd).findFirst().orElse(-1);
    }

    @Test
    void thisJvmItsThreadsCwdAndOpenFileAreScannedAndResolveAsFields() throws IOException, PluginException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no Linux /proc here; skipping the live scan test");
        long pid = ProcessHandle.current().pid();
        Path file = dir.resolve("held-open.txt");
        Files.writeString(file, "peregrine");
        try (FileChannel held = FileChannel.open(file, StandardOpenOption.READ)) {
            CaptureMetadata m = ProcScanner.scan(Path.of("/proc"));
            List<ProcessEntry> ours = m.processes().stream().filter(p -> p.pid() == pid).toList();
            assertTrue(ours.size() > 1, "the JVM runs several threads, found " + ours.size());
            ProcessEntry main = ours.stream().filter(p -> p.tid() == pid).findFirst().orElseThrow();
            assertEquals(Path.of(System.getProperty("user.dir")).toRealPath().toString(), main.cwd());
            assertTrue(main.exePath().endsWith("/java"), main.exePath());
            long fd = fdOf(m, pid, file.toRealPath().toString());
            assertTrue(fd >= 0, "the held file is among the JVM's fds");
            assertTrue(m.machine().cpuCount() > 0);
            assertTrue(m.users().stream().anyMatch(u -> u.uid() == 0), "root is in /etc/passwd");

            SyscallState state = new SyscallState(EventTable.standard(), m);
            SyscallFields fields = new SyscallFields();
            List<FieldSpec> specs = new SyscallPlugin().fields();
            SyntheticEvents events = new SyntheticEvents();
            ProcessEntry other = ours.stream().filter(p -> p.tid() != pid && !p.comm().equals(main.comm())).findFirst()
                    .orElseThrow();
            String parentComm = m.processes().stream().filter(p -> p.tid() == main.ptid()).map(ProcessEntry::comm)
                    .findFirst().orElse("<NA>");
            for (ProcessEntry thread : List.of(main, other)) {
                EventView read = events.event("PPME_SYSCALL_READ_X", thread.tid(), System.nanoTime(), i64(9),
                        new byte[9], i64(fd), u32(9));
                state.apply(read);
                assertEquals(thread.comm(), value(fields, specs, state, read, "proc.name"),
                        "proc.name of thread " + thread.tid());
                assertEquals(parentComm, value(fields, specs, state, read, "proc.pname"));
                assertEquals(file.toRealPath().toString(), value(fields, specs, state, read, "fd.name"),
                        "threads share the process's fd table");
            }
        }
    }

    private static String value(SyscallFields fields, List<FieldSpec> specs, SyscallState state, EventView e,
                                String name) throws PluginException {
        FieldSpec spec = specs.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
        TextSink sink = new TextSink();
        return sink.text(fields.bind(spec, FieldArgument.none()).extract(new SyscallEvent(state).wrap(e), sink));
    }
}
