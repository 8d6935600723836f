package dev.peregrine.plugin.syscall.field;

import static dev.peregrine.plugin.syscall.state.SyntheticEvents.empty;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.i64;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.str;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.tuple4;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.u16;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.syscall.ContainerPlugin;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fields that were pending, on synthetic events, with the values current libsinsp gives
 * (sinsp_filtercheck_event.cpp, sinsp_filtercheck_fd.cpp, sinsp_filtercheck_thread.cpp).
 */
class LibsinspFieldParityTest {

    private final SyntheticEvents events = new SyntheticEvents();
    private final SyscallState state = new SyscallState(EventTable.standard(), new CaptureMetadata(
            new SectionHeader(1, 2, -1, 0), null,
            List.of(process(1, 1, 0, "systemd", List.of()), process(40, 40, 1, "bash", List.of("HOME=/root")),
                    process(50, 50, 40, "sshd", List.of("TERM=xterm", "LANG=C")),
                    process(100, 100, 50, "zsh", List.of("TERM=vt100"))),
            List.of(new FdEntry.Named(100, 5, 7, FdKind.FILE, 0, "/var/log/app.log", 0)), List.of(), List.of(),
            List.of()));
    private final SyscallFields fields = new SyscallFields();
    private final List<FieldSpec> specs = new SyscallPlugin().fields();

    private static ProcessEntry process(long tid, long pid, long ptid, String comm, List<String> env) {
        return new ProcessEntry(tid, pid, ptid, pid, pid, comm, "/usr/bin/" + comm, "/usr/bin/" + comm, List.of(),
                "/root", 1024, 0, 0, 0, 2048, 1024, 0, 3, 4, env, tid, pid, List.of(), "/", 0, 0,
                1000, false, 0, 0, 0, false, 0, 0, 0, false, false, pid);
    }

    private FieldHandle handle(String name, FieldArgument argument) throws PluginException {
        FieldSpec spec = specs.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
        return fields.bind(spec, argument);
    }

    /** The value of a bound field on {@code e}; the event is applied to the state the first time. */
    private String value(FieldHandle handle, EventView e) {
        if (state.event() != e) {
            state.apply(e);
        }
        TextSink sink = new TextSink();
        return sink.text(handle.extract(new SyscallEvent(state).wrap(e), sink));
    }

    private String value(String name, EventView e) throws PluginException {
        return value(handle(name, FieldArgument.none()), e);
    }

    private String value(String name, String argument, EventView e) throws PluginException {
        return value(handle(name, FieldArgument.of(argument)), e);
    }

    private static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }

    @Test
    void rawArgTakesTheTypeOfTheNamedParameterAndReadsItRaw() throws PluginException {
        FieldHandle size = handle("evt.rawarg", FieldArgument.of("size"));
        FieldHandle res = handle("evt.rawarg", FieldArgument.of("res"));
        FieldHandle name = handle("evt.rawarg", FieldArgument.of("name"));
        assertEquals(FieldType.UINT32, size.boundType());
        assertEquals(FieldType.ERRNO, res.boundType());
        assertEquals(FieldType.FSPATH, name.boundType());
        EventView read = events.event("PPME_SYSCALL_READ_X", 100, 1, i64(-11), new byte[0], i64(5), u32(4096));
        assertEquals("4096", value(size, read));
        assertEquals("-11", value(res, read));
        assertEquals("\\N", value(name, read), "read has no name parameter");
        EventView open = events.event("PPME_SYSCALL_OPEN_X", 100, 2, i64(3), str("x/../y"), u32(1), u32(0));
        assertEquals("x/../y", value(name, open), "raw: not resolved against the cwd");
    }

    @Test
    void rawArgOfAParameterNoEventHasFailsAtLoadWithLibsinspsMessage() {
        PluginException error = assertThrows(PluginException.class,
                () -> handle("evt.rawarg", FieldArgument.of("nosuchparam")));
        assertEquals("unknown event argument nosuchparam", error.getMessage());
    }

    @Test
    void deprecatedLatencyFieldsAreHardcodedToZero() throws PluginException {
        EventView poll = events.event("PPME_SYSCALL_CLOSE_X", 100, 1, i64(0), i64(5));
        assertEquals("0ns", value("evt.latency.human", poll));
        assertEquals("0", value("evt.wait_latency", poll));
    }

    @Test
    void outputTimeIsPrintedLikeEvtTime() throws PluginException {
        EventView e = events.event("PPME_SYSCALL_CLOSE_X", 100, 1_470_327_477_881_730_713L, i64(0), i64(5));
        assertEquals(value("evt.time", e), value("evt.outputtime", e));
    }

    @Test
    void isSyslogIsTrueOnlyForWritesToAnFdNamedDevLog() throws PluginException {
        state.apply(events.event("PPME_SYSCALL_OPEN_X", 100, 2, i64(7), str("/dev/log"), u32(2), u32(0)));
        EventView write = events.event("PPME_SYSCALL_WRITE_X", 100, 3, i64(5), str("hi"), i64(7), u32(3));
        assertEquals("true", value("evt.is_syslog", write));
        EventView other = events.event("PPME_SYSCALL_WRITE_X", 100, 4, i64(5), str("hi"), i64(5), u32(3));
        assertEquals("false", value("evt.is_syslog", other));
        EventView read = events.event("PPME_SYSCALL_READ_X", 100, 5, i64(5), str("hi"), i64(7), u32(3));
        assertEquals("false", value("evt.is_syslog", read), "reads from /dev/log are not syslog writes");
    }

    @Test
    void countersHaveAValueOnlyOnTheEventsTheyCount() throws PluginException {
        EventView procinfo = events.event("PPME_PROCINFO_E", 100, 1, u64(10), u64(20));
        assertEquals("1", value("evt.count.threadinfo", procinfo));
        assertEquals("1", value("evt.count.procinfo", procinfo));
        assertEquals("\\N", value("evt.count.exit", procinfo));
        EventView close = events.event("PPME_SYSCALL_CLOSE_X", 100, 2, i64(0), i64(5));
        assertEquals("\\N", value("evt.count.threadinfo", close));
        assertEquals("1", value("evt.count.exit", close));
    }

    @Test
    void fdIdentityFieldsChainTheThreadAndContainer() throws PluginException {
        EventView close = events.event("PPME_SYSCALL_CLOSE_X", 100, 1, i64(0), i64(5));
        assertEquals("1005", value("fd.uid", close));
        assertEquals(":/var/log/app.log", value("fd.containername", close), "host threads have an empty id");
        assertEquals(":/var/log", value("fd.containerdirectory", close));
        assertEquals("\\N", value("fd.uid", events.event("PPME_SYSCALL_BRK_4_X", 100, 2, u64(0), u32(0), u32(0),
                u32(0), u64(0))), "brk uses no fd");
    }

    @Test
    void unknownFdsGiveTheRootAsDirectoryLikeLibsinsp() throws PluginException {
        EventView fstat = events.event("PPME_SYSCALL_FSTAT_X", 100, 1, i64(0), i64(42));
        assertEquals("/", value("fd.directory", fstat));
        assertEquals("\\N", value("fd.filename", fstat));
        EventView failedOpen = events.event("PPME_SYSCALL_OPEN_X", 100, 2, i64(-2), str("/etc/nope"), u32(1), u32(0));
        assertEquals("/etc", value("fd.directory", failedOpen));
    }

    @Test
    void protoFieldsPrintThePortsAsTextWithoutServiceNames() throws PluginException {
        state.apply(events.event("PPME_SOCKET_SOCKET_X", 100, 1, i64(4), u32(2), u32(1), u32(0), u32(0)));
        EventView connect = events.event("PPME_SOCKET_CONNECT_X", 100, 2, i64(0),
                tuple4(new int[] {10, 0, 0, 1}, 40000, new int[] {10, 0, 0, 2}, 443), i64(4), empty());
        assertEquals("40000", value("fd.cproto", connect));
        assertEquals("443", value("fd.sproto", connect));
        // no interface list in this capture: the client is not local, so local is the server side
        assertEquals("443", value("fd.lproto", connect));
        assertEquals("40000", value("fd.rproto", connect));
        assertEquals("\\N", value("fd.sproto", events.event("PPME_SYSCALL_CLOSE_X", 100, 3, i64(0), i64(5))));
    }

    @Test
    void ancestorEnvironmentLooksUpFromTheParent() throws PluginException {
        EventView e = events.event("PPME_SYSCALL_CLOSE_X", 100, 1, i64(0), i64(5));
        assertEquals("TERM=vt100", value("proc.aenv", e));
        assertEquals("TERM=xterm LANG=C", value("proc.aenv", "1", e));
        assertEquals("xterm", value("proc.aenv", "TERM", e), "the process's own value is skipped");
        assertEquals("/root", value("proc.aenv", "HOME", e));
        assertEquals("", value("proc.aenv", "NOPE", e));
        assertEquals("", value("proc.aenv", "9", e));
    }

    @Test
    void loginShellIsTheOldestShellAncestor() throws PluginException {
        EventView e = events.event("PPME_SYSCALL_CLOSE_X", 100, 1, i64(0), i64(5));
        assertEquals("40", value("proc.loginshellid", e));
        EventView init = events.event("PPME_SYSCALL_CLOSE_X", 1, 2, i64(0), i64(5));
        assertEquals("\\N", value("proc.loginshellid", init));
    }

    @Test
    void execTimesMeasureSlicesBetweenSwitchesOnACpu() throws PluginException {
        FieldHandle exec = handle("thread.exectime", FieldArgument.none());
        FieldHandle total = handle("thread.totexectime", FieldArgument.none());
        EventView first = events.event("PPME_SCHEDSWITCH_6_E", 100, 1_000, i64(50), u64(0), u64(0), u32(0), u32(0),
                u32(0));
        assertEquals("0", value(exec, first));
        assertEquals("0", value(total, first));
        EventView second = events.event("PPME_SCHEDSWITCH_6_E", 100, 1_700, i64(50), u64(0), u64(0), u32(0), u32(0),
                u32(0));
        assertEquals("700", value(exec, second));
        assertEquals("700", value(total, second));
        assertEquals("700", value(exec, second), "a second read of the same event gives the same slice");
        EventView close = events.event("PPME_SYSCALL_CLOSE_X", 100, 2_000, i64(0), i64(5));
        assertEquals("0", value(exec, close));
        assertEquals("700", value(total, close), "other events show the accumulated time");
    }

    @Test
    void threadCpuIsTheGrowthOfTheProcinfoCountersCappedAt100() throws PluginException {
        FieldHandle cpu = handle("thread.cpu", FieldArgument.none());
        FieldHandle user = handle("thread.cpu.user", FieldArgument.none());
        assertEquals("0.0", value(cpu, events.event("PPME_PROCINFO_E", 100, 1, u64(10), u64(20))));
        EventView second = events.event("PPME_PROCINFO_E", 100, 2, u64(40), u64(25));
        assertEquals("35.0", value(cpu, second));
        assertEquals("0.0", value(user, second), "the first reading of this binding");
        assertEquals("100.0", value(cpu, events.event("PPME_PROCINFO_E", 100, 3, u64(400), u64(25))));
        assertEquals("\\N", value(cpu, events.event("PPME_SYSCALL_CLOSE_X", 100, 4, i64(0), i64(5))));
    }

    @Test
    void aGenericExitOfAnUnknownIdIsNamedThroughItsNativeSyscallNumber() throws PluginException {
        EventView fadvise = events.event("PPME_GENERIC_X", 100, 1, u16(0), u16(221));
        assertEquals("fadvise64", value("evt.type", fadvise), "x86_64 syscall 221");
        assertEquals("fadvise64", value("syscall.type", fadvise));
        EventView noNative = events.event("PPME_GENERIC_X", 100, 2, u16(0));
        assertEquals("unknown", value("evt.type", noNative));
        EventView unassigned = events.event("PPME_GENERIC_X", 100, 3, u16(0), u16(182));
        assertEquals("unknown", value("evt.type", unassigned), "x86_64 182 is the unimplemented putpmsg");
    }

    @Test
    void aroundIsRejectedAtLoadWithASentence() {
        PluginException error = assertThrows(PluginException.class,
                () -> handle("evt.around", FieldArgument.of("1404996934793590564")));
        assertEquals("field evt.around is not supported: Peregrine conditions cannot express its time-window"
                + " comparison (evt.around[T]=D)", error.getMessage());
    }

    @Test
    void theFieldsThatWerePendingAreAllImplemented() {
        List<String> formerlyPending = List.of("evt.rawarg", "evt.latency.human", "evt.outputtime", "evt.wait_latency",
                "evt.is_syslog", "evt.count.threadinfo", "fd.uid", "fd.containername", "fd.containerdirectory",
                "fd.lproto", "fd.rproto", "fd.sproto", "fd.cproto", "proc.aenv", "proc.loginshellid",
                "thread.exectime", "thread.totexectime", "thread.cpu", "thread.cpu.user", "thread.cpu.system",
                "evt.infra.docker.name", "evt.infra.docker.container.id", "evt.infra.docker.container.name",
                "evt.infra.docker.container.image");
        for (String name : formerlyPending) {
            FieldSpec spec = specs.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
            assertNull(fields.isImplemented(spec) ? null : name, "pending: " + name);
        }
        List<String> formerlyPendingContainerFields = List.of("container.cni.json", "container.healthcheck",
                "container.host_ipc", "container.host_network", "container.host_pid", "container.liveness_probe",
                "container.readiness_probe", "k8s.pod.cni.json", "k8s.pod.full_sandbox_id", "k8s.pod.ip",
                "k8s.pod.label", "k8s.pod.labels", "k8s.pod.sandbox_id");
        List<FieldSpec> containerSpecs = new ContainerPlugin().fields();
        ContainerFields containerFields = new ContainerFields();
        for (String name : formerlyPendingContainerFields) {
            FieldSpec spec = containerSpecs.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
            assertFalse(containerFields.bind(spec, FieldArgument.of("app")) instanceof PendingExtractionHandle,
                    "pending: " + name);
        }
    }

    @Test
    void noSyscallOrContainerFieldIsPendingAnyMore() {
        List<String> pending = new java.util.ArrayList<>();
        for (FieldSpec spec : specs) {
            if (!fields.isImplemented(spec)) {
                pending.add(spec.name());
            }
        }
        ContainerFields containerFields = new ContainerFields();
        for (FieldSpec spec : new ContainerPlugin().fields()) {
            FieldArgument argument = spec.argumentRequired() ? FieldArgument.of("0") : FieldArgument.none();
            if (containerFields.bind(spec, argument) instanceof PendingExtractionHandle) {
                pending.add(spec.name());
            }
        }
        assertEquals(List.of(), pending);
    }
}
