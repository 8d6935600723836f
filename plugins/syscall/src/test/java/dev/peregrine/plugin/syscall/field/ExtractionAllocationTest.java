package dev.peregrine.plugin.syscall.field;

import static dev.peregrine.plugin.syscall.state.SyntheticEvents.i64;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.u32;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.ValueSink;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.testing.DiscardingValueSink;
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
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-event path of an fd-using event (state reset, fd lookup, the common rule fields) allocates
 * nothing in steady state; only texts built on demand (evt.args, times) allocate, once per event.
 */
class ExtractionAllocationTest {

    private static final int EVENTS = 200_000;
    private static final List<String> FIELDS = List.of("evt.type", "evt.dir", "evt.res", "evt.rawres", "proc.name",
            "proc.cmdline", "proc.pname", "proc.pid", "thread.tid", "user.name", "user.uid", "fd.num", "fd.name",
            "fd.type", "fd.typechar", "evt.is_io_read", "evt.num");

    private static final ValueSink DISCARD = DiscardingValueSink.INSTANCE;

    @Test
    void readEventsWithTheCommonRuleFieldsAllocateNothingPerEvent() throws PluginException {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        ProcessEntry bash = new ProcessEntry(4242, 4242, 1, -1, -1, "bash", "bash", "/bin/bash", List.of("-i"), "/",
                1024, 0, 1000, 1000, 0, 0, 0, 0, 0, List.of(), 4242, 4242, List.of(), "/", 0, 0, 0xFFFF_FFFFL, false,
                0, 0, 0, false, 0, 0, 0, false, false, 4242);
        ProcessEntry init = new ProcessEntry(1, 1, 0, -1, -1, "init", "init", "/sbin/init", List.of(), "/", 1024, 0, 0,
                0, 0, 0, 0, 0, 0, List.of(), 1, 1, List.of(), "/", 0, 0, 0xFFFF_FFFFL, false, 0, 0, 0, false, 0, 0, 0,
                false, false, 1);
        SyscallState state = new SyscallState(EventTable.standard(), new CaptureMetadata(new SectionHeader(1, 2, -1, 0),
                null, List.of(init, bash), List.of(new FdEntry.Named(4242, 700, 1, FdKind.FILE, 0, "/var/log/x", 0)),
                List.of(), List.of(), List.of()));
        EventView read = new SyntheticEvents().event("PPME_SYSCALL_READ_X", 4242, 1, i64(10), new byte[10], i64(700),
                u32(10));
        SyscallEvent event = new SyscallEvent(state);
        SyscallPlugin plugin = new SyscallPlugin();
        SyscallFields fields = new SyscallFields();
        List<FieldHandle> handles = new ArrayList<>();
        for (String name : FIELDS) {
            FieldSpec spec = plugin.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
            handles.add(fields.bind(spec, FieldArgument.none()));
        }
        int found = run(state, read, event, handles);
        long before = counter.getCurrentThreadAllocatedBytes();
        found += run(state, read, event, handles);
        long allocated = counter.getCurrentThreadAllocatedBytes() - before;
        assertTrue(found == 2 * EVENTS * FIELDS.size(), "every field has a value: " + found);
        assertTrue(allocated < 256 * 1024, "allocated " + allocated + " bytes for " + EVENTS + " events");
    }

    private static int run(SyscallState state, EventView read, SyscallEvent event, List<FieldHandle> handles) {
        int found = 0;
        for (int i = 0; i < EVENTS; i++) {
            state.apply(read);
            event.wrap(read);
            for (int k = 0, n = handles.size(); k < n; k++) {
                if (handles.get(k).extract(event, DISCARD)) {
                    found++;
                }
            }
        }
        return found;
    }
}
