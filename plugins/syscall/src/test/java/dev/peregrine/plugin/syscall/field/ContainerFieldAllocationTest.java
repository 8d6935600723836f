package dev.peregrine.plugin.syscall.field;

import static dev.peregrine.plugin.syscall.state.SyntheticEvents.i64;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.testing.DiscardingValueSink;
import dev.peregrine.plugin.syscall.ContainerPlugin;
import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
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
 * Container metadata fields read texts prepared once per container event: extracting them for a thread
 * in a Kubernetes pod allocates nothing per event.
 */
class ContainerFieldAllocationTest {

    private static final int EVENTS = 100_000;
    private static final String ID = "ad64969c62e5a4d6ca2b1d2b0ef8a5f3e6d2f7a2c1b0e9d8c7b6a5f4e3d2c1b0";
    private static final List<String> FIELDS = List.of("container.cni.json", "container.host_pid",
            "container.healthcheck", "container.labels", "k8s.pod.sandbox_id", "k8s.pod.full_sandbox_id",
            "k8s.pod.ip", "k8s.pod.cni.json", "k8s.pod.label", "k8s.pod.labels");

    @Test
    void podFieldsOfAContainerThreadAllocateNothingPerEvent() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "needs HotSpot's allocation counter");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        ProcessEntry app = new ProcessEntry(100, 100, 1, 100, 100, "app", "/bin/app", "/bin/app", List.of(), "/", 1024,
                0, 0, 0, 0, 0, 0, 0, 0, List.of(), 100, 100, List.of("cpu=/kubepods/pod1/crio-" + ID), "/", 0, 0,
                0xFFFFFFFFL, false, 0, 0, 0, false, 0, 0, 0, false, false, 100);
        SyscallState state = new SyscallState(EventTable.standard(), new CaptureMetadata(new SectionHeader(1, 2, -1, 0),
                null, List.of(app), List.of(), List.of(), List.of(), List.of()));
        SyntheticEvents events = new SyntheticEvents();
        state.apply(events.event("PPME_CONTAINER_JSON_2_E", 0, 1, str("{\"container\":{\"id\":\"63060edc2d3a\","
                + "\"ip\":\"10.0.0.7\",\"cni_json\":\"{}\",\"pod_sandbox_labels\":{\"app\":\"web\"}}}")));
        state.apply(events.event("PPME_CONTAINER_JSON_2_E", 0, 2, str("{\"container\":{\"id\":\"ad64969c62e5\","
                + "\"pod_sandbox_id\":\"63060edc2d3aa803ab559f23\",\"labels\":{\"a\":\"1\"},"
                + "\"Healthcheck\":{\"exe\":\"curl\",\"args\":[\"-f\"]}}}")));
        EventView close = events.event("PPME_SYSCALL_CLOSE_X", 100, 3, i64(0), i64(5));
        ContainerFields fields = new ContainerFields();
        List<FieldSpec> specs = new ContainerPlugin().fields();
        List<FieldHandle> handles = new ArrayList<>();
        for (String name : FIELDS) {
            FieldSpec spec = specs.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
            handles.add(fields.bind(spec, spec.argumentRequired() ? FieldArgument.of("app") : FieldArgument.none()));
        }
        SyscallEvent event = new SyscallEvent(state);
        int found = run(state, close, event, handles);
        long before = counter.getCurrentThreadAllocatedBytes();
        found += run(state, close, event, handles);
        long allocated = counter.getCurrentThreadAllocatedBytes() - before;
        assertEquals(2 * EVENTS * FIELDS.size(), found, "every field has a value (the sandbox supplies the pod's)");
        assertTrue(allocated < 256 * 1024, "allocated " + allocated + " bytes for " + EVENTS + " events");
    }

    private static int run(SyscallState state, EventView e, SyscallEvent event, List<FieldHandle> handles) {
        int found = 0;
        for (int i = 0; i < EVENTS; i++) {
            state.apply(e);
            event.wrap(e);
            for (int k = 0, n = handles.size(); k < n; k++) {
                if (handles.get(k).extract(event, DiscardingValueSink.INSTANCE)) {
                    found++;
                }
            }
        }
        return found;
    }

}
