package dev.peregrine.plugin.syscall.field;

import static dev.peregrine.plugin.syscall.state.SyntheticEvents.empty;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.i64;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.str;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.u16;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.plugin.syscall.SyscallPlugin;
import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
import dev.peregrine.plugin.syscall.capture.FdEntry;
import dev.peregrine.plugin.syscall.capture.FdKind;
import dev.peregrine.plugin.syscall.capture.ProcessEntry;
import dev.peregrine.plugin.syscall.capture.SectionHeader;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.state.SyntheticEvents;
import dev.peregrine.plugin.syscall.state.SyscallEvent;
import dev.peregrine.plugin.syscall.state.SyscallState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field values on synthetic events, for the families the capture oracle does not reach. */
class FieldExtractionTest {

    private final SyntheticEvents events = new SyntheticEvents();
    private final SyscallState state = new SyscallState(EventTable.standard(), new CaptureMetadata(
            new SectionHeader(1, 2, -1, 0), null,
            List.of(process(1, 1, 0, "systemd", 1), process(50, 50, 1, "sshd", 50), process(100, 100, 50, "bash", 50)),
            List.of(new FdEntry.Named(100, 5, 7, FdKind.DIRECTORY, 0, "/etc", 0)), List.of(), List.of(), List.of()));
    private final SyscallFields fields = new SyscallFields();
    private final List<FieldSpec> specs = new SyscallPlugin().fields();

    private static ProcessEntry process(long tid, long pid, long ptid, String comm, long sid) {
        return new ProcessEntry(tid, pid, ptid, sid, sid, comm, "/usr/bin/" + comm, "/usr/bin/" + comm, List.of(),
                "/root", 1024, 0, 0, 0, 2048, 1024, 0, 3, 4, List.of("TERM=xterm"), tid, pid, List.of(), "/", 0, 0,
                1000, false, 0, (1L << 21) | 1, 1L << 21, false, 0, 0, 0, false, false, pid);
    }

    /** The field's text on {@code e}; the event is applied to the state the first time it is asked about. */
    private String value(String reference, EventView e) {
        if (state.event() != e) {
            state.apply(e);
        }
        int bracket = reference.indexOf('[');
        String name = bracket < 0 ? reference : reference.substring(0, bracket);
        FieldArgument argument = bracket < 0 ? FieldArgument.none()
                : FieldArgument.of(reference.substring(bracket + 1, reference.length() - 1));
        if (name.startsWith("evt.arg.")) {
            argument = FieldArgument.of(name.substring("evt.arg.".length()));
            name = "evt.arg";
        }
        if (name.startsWith("evt.type.is.")) {
            argument = FieldArgument.of(name.substring("evt.type.is.".length()));
            name = "evt.type.is";
        }
        String field = name;
        FieldSpec spec = specs.stream().filter(f -> f.name().equals(field)).findFirst().orElseThrow();
        TextSink sink = new TextSink();
        try {
            return sink.text(fields.bind(spec, argument).extract(new SyscallEvent(state).wrap(e), sink));
        } catch (dev.peregrine.api.PluginException unbindable) {
            throw new AssertionError(reference + " does not bind", unbindable);
        }
    }

    @Test
    void fsPathResolvesAgainstTheDirfdAndRenamesHaveSourceAndTarget() {
        EventView unlinkat = events.event("PPME_SYSCALL_UNLINKAT_2_X", 100, 1, i64(0), i64(5), str("shadow"), u32(0));
        assertEquals("/etc/shadow", value("fs.path.name", unlinkat));
        assertEquals("shadow", value("fs.path.nameraw", unlinkat));
        assertEquals("\\N", value("fs.path.source", unlinkat));
        EventView rename = events.event("PPME_SYSCALL_RENAME_X", 100, 2, i64(0), str("a"), str("/tmp/../b"));
        assertEquals("/root/a", value("fs.path.source", rename));
        assertEquals("/b", value("fs.path.target", rename));
        assertEquals("/root/a", value("evt.abspath[src]", rename));
    }

    @Test
    void genericEventsAreNamedByTheirSyscallId() {
        int madvise = EventTable.standard().syscallNames().indexOf("madvise");
        EventView generic = events.event("PPME_GENERIC_X", 100, 1, u16(madvise), u16(28));
        assertEquals("madvise", value("evt.type", generic));
        assertEquals("1", value("evt.type.is.madvise", generic));
        assertEquals("0", value("evt.type.is.open", generic));
        assertEquals("1", value("evt.type.is.1", generic));
        assertEquals("", value("evt.args", generic));
        assertEquals("<", value("evt.dir", generic));
    }

    @Test
    void openArgumentsRenderFlagsAndTheResolvedFd() {
        EventView open = events.event("PPME_SYSCALL_OPEN_X", 100, 1, i64(3), str("x"), u32(4097), u32(0644));
        assertEquals("fd=3(<f>/root/x) name=x(/root/x) flags=4097(O_RDONLY|O_CLOEXEC) mode=0644", value("evt.args", open));
        assertEquals("O_RDONLY|O_CLOEXEC", value("evt.arg.flags", open));
        assertEquals("<f>/root/x", value("evt.arg[0]", open));
        assertEquals("true", value("evt.is_open_read", open));
        assertEquals("false", value("evt.is_open_write", open));
        assertEquals("SUCCESS", value("evt.res", open));
        assertEquals("x", value("fd.filename", open));
        assertEquals("/root", value("fd.directory", open));
    }

    @Test
    void ioCountersFollowTheDirectionAndTheFdKind() {
        value("fd.name", events.event("PPME_SYSCALL_OPEN_X", 100, 1, i64(0), str("/dev/tty1"), u32(3), u32(0)));
        EventView read = events.event("PPME_SYSCALL_READ_X", 100, 2, i64(10), new byte[10], i64(0), u32(10));
        assertEquals("10", value("evt.buflen.file.in", read));
        assertEquals("\\N", value("evt.buflen.net", read));
        assertEquals("\\N", value("evt.buflen.out", read));
        assertEquals("file", value("evt.category", read));
        assertEquals("/dev/tty1", value("proc.stdin.name", read));
        assertEquals("file", value("proc.stdin.type", read));
        assertEquals("\\N", value("proc.stdout.name", read));
        assertEquals("0", value("evt.count.error", read));
        EventView failed = events.event("PPME_SYSCALL_ACCESS_X", 100, 3, i64(-13), str("/x"), u32(0));
        assertEquals("1", value("evt.count.error", failed));
        assertEquals("1", value("evt.count.error.file", failed));
        assertEquals("0", value("evt.count.error.net", failed));
    }

    @Test
    void failedOpensAndConnectsNameTheirTargetFromTheEvent() {
        EventView open = events.event("PPME_SYSCALL_OPEN_X", 100, 1, i64(-2), str("/etc//nope/"), u32(1), u32(0));
        assertEquals("/etc/nope", value("fd.name", open));
        assertEquals("f", value("fd.typechar", open));
        assertEquals("\\N", value("fd.type", open));
        EventView openat = events.event("PPME_SYSCALL_OPENAT_2_X", 100, 2, i64(-13), i64(5), str("shadow"), u32(1),
                u32(0));
        assertEquals("/etc/shadow", value("fd.name", openat));
        EventView connect = events.event("PPME_SOCKET_CONNECT_X", 100, 3, i64(-111), SyntheticEvents.tuple4(
                new int[] {10, 0, 0, 1}, 40000, new int[] {10, 0, 0, 2}, 443), i64(77), empty());
        assertEquals("10.0.0.1:40000->10.0.0.2:443", value("fd.name", connect));
        assertEquals("4", value("fd.typechar", connect));
    }

    @Test
    void failedCallsNameTheErrno() {
        EventView access = events.event("PPME_SYSCALL_ACCESS_X", 100, 1, i64(-2), str("/nope"), u32(0));
        assertEquals("ENOENT", value("evt.res", access));
        assertEquals("-2", value("evt.rawres", access));
        assertEquals("true", value("evt.failed", access));
    }

    @Test
    void lineageFieldsWalkTheParents() {
        EventView e = events.event("PPME_SYSCALL_CLOSE_X", 100, 1, i64(0), i64(5));
        assertEquals("sshd", value("proc.pname", e));
        assertEquals("systemd", value("proc.aname[2]", e));
        assertEquals("sshd systemd", value("proc.aname", e));
        assertEquals("50 1", value("proc.apid", e));
        assertEquals("sshd", value("proc.sname", e));
        assertEquals("/etc", value("fd.name", e));
        assertEquals("directory", value("fd.type", e));
        assertEquals("d", value("fd.typechar", e));
        assertEquals("5", value("fd.num", e));
        assertEquals("xterm", value("proc.env[TERM]", e));
    }

    @Test
    void capabilitiesAndMemoryComeFromTheProcessList() {
        EventView e = events.event("PPME_SYSCALL_CLOSE_X", 100, 1, i64(0), i64(9));
        assertEquals("CAP_CHOWN CAP_SYS_ADMIN", value("thread.cap_permitted", e));
        assertEquals("CAP_SYS_ADMIN", value("thread.cap_effective", e));
        assertEquals("2048", value("proc.vmsize", e));
        assertEquals("1000", value("user.loginuid", e));
        assertEquals("\\N", value("fd.name", events.event("PPME_GENERIC_X", 100, 2, u16(0), u16(0))));
        assertEquals("", value("fd.name", events.event("PPME_SYSCALL_FSTAT_X", 100, 3, i64(0), i64(42))));
        assertEquals("\\N", value("fd.type", events.event("PPME_SYSCALL_FSTAT_X", 100, 4, i64(0), i64(42))));
        assertEquals("", value("fd.name", events.event("PPME_SOCKET_CONNECT_X", 100, 5, i64(-111), empty(), i64(77),
                empty())));
    }
}
