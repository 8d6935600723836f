package dev.peregrine.plugin.syscall.field;

import static dev.peregrine.plugin.syscall.state.SyntheticEvents.i64;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.plugin.syscall.ContainerPlugin;
import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
import dev.peregrine.plugin.syscall.capture.ProcessEntry;
import dev.peregrine.plugin.syscall.capture.SectionHeader;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.state.SyntheticEvents;
import dev.peregrine.plugin.syscall.state.SyscallEvent;
import dev.peregrine.plugin.syscall.state.SyscallState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The container plugin's metadata fields (CNI result, host namespaces, health probes, pod sandbox id,
 * labels and ip) over synthetic container JSON events, with the keys and defaults of the container plugin
 * ({@code container_info_json.cpp}, {@code caps/extract/extract.cpp}).
 */
class ContainerMetadataFieldsTest {

    private static final String APP = "ad64969c62e5a4d6ca2b1d2b0ef8a5f3e6d2f7a2c1b0e9d8c7b6a5f4e3d2c1b0";
    private static final String SANDBOX = "63060edc2d3aa803ab559f2393776b151f99fc5b05035b21db66b3b62246ad6a";
    private static final String BARE = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private final SyntheticEvents events = new SyntheticEvents();
    /** Threads: 1 on the host, 100 in the app container, 200 in a container whose event says almost nothing. */
    private final SyscallState state = new SyscallState(EventTable.standard(), new CaptureMetadata(
            new SectionHeader(1, 2, -1, 0), null,
            List.of(process(1, List.of("cpu=/user.slice")), process(100, List.of("cpu=/kubepods/pod1/crio-" + APP)),
                    process(200, List.of("cpu=/docker/" + BARE))),
            List.of(), List.of(), List.of(), List.of()));
    private final ContainerFields fields = new ContainerFields();
    private final List<FieldSpec> specs = new ContainerPlugin().fields();
    private long ts = 1;

    private static ProcessEntry process(long tid, List<String> cgroups) {
        return new ProcessEntry(tid, tid, 1, tid, tid, "app", "/bin/app", "/bin/app", List.of(), "/", 1024, 0, 0, 0,
                0, 0, 0, 0, 0, List.of(), tid, tid, cgroups, "/", 0, 0, 0xFFFFFFFFL, false, 0, 0, 0, false, 0, 0, 0,
                false, false, tid);
    }

    private void containerEvent(String json) {
        state.apply(events.event("PPME_CONTAINER_JSON_2_E", 0, ts++, str(json)));
    }

    /** The value of {@code name[argument]} on a close event of thread {@code tid}; {@code \N} when absent. */
    private String value(String name, String argument, long tid) {
        FieldSpec spec = specs.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
        FieldHandle handle = fields.bind(spec, argument == null ? FieldArgument.none() : FieldArgument.of(argument));
        EventView close = events.event("PPME_SYSCALL_CLOSE_X", tid, ts++, i64(0), i64(5));
        state.apply(close);
        TextSink sink = new TextSink();
        return sink.text(handle.extract(new SyscallEvent(state).wrap(close), sink));
    }

    private String value(String name, long tid) {
        return value(name, null, tid);
    }

    private void appAndSandboxEvents(String appCni) {
        containerEvent("{\"container\":{\"id\":\"63060edc2d3a\",\"full_id\":\"" + SANDBOX + "\",\"type\":8,"
                + "\"name\":\"k8s_POD\",\"ip\":\"10.244.0.7\",\"is_pod_sandbox\":true,"
                + "\"cni_json\":\"{\\\"eth0\\\":{\\\"IPConfigs\\\":[{\\\"IP\\\":\\\"10.244.0.7\\\"}]}}\","
                + "\"pod_sandbox_id\":\"" + SANDBOX + "\","
                + "\"pod_sandbox_labels\":{\"app\":\"web\",\"tier\":\"front\",\"io.kubernetes.pod.name\":\"web-1\"}}}");
        containerEvent("{\"container\":{\"id\":\"ad64969c62e5\",\"full_id\":\"" + APP + "\",\"type\":8,"
                + "\"name\":\"k8s_app\",\"image\":\"nginx:1.25\",\"ip\":\"" + (appCni.isEmpty() ? "" : "10.244.0.9")
                + "\",\"cni_json\":\"" + appCni + "\",\"host_pid\":true,\"host_network\":false,\"host_ipc\":true,"
                + "\"pod_sandbox_id\":\"" + SANDBOX + "\","
                + "\"pod_sandbox_labels\":{\"app\":\"own\",\"only-own\":\"x\",\"empty\":\"\"},"
                + "\"labels\":{\"maintainer\":\"me\",\"annotation.kubernetes.io/config.seen\":\"now\","
                + "\"io.kubernetes.pod.namespace\":\"default\",\"flag\":\"\"},"
                + "\"Healthcheck\":{\"exe\":\"curl\",\"args\":[\"-f\",\"http://localhost/\"]},"
                + "\"LivenessProbe\":{\"exe\":\"/bin/check\",\"args\":null}}}");
        containerEvent("{\"container\":{\"id\":\"0123456789ab\",\"type\":0,\"name\":\"bare\"}}");
    }

    @Test
    void hostNamespaceFlagsComeFromTheEventAndDefaultToFalse() {
        appAndSandboxEvents("");
        assertEquals("true", value("container.host_pid", 100));
        assertEquals("false", value("container.host_network", 100));
        assertEquals("true", value("container.host_ipc", 100));
        assertEquals("false", value("container.host_pid", 200), "missing key: the plugin's default");
        assertEquals("false", value("container.host_ipc", 200));
    }

    @Test
    void cniResultIsTheEventsTextAndEmptyWhenMissing() {
        appAndSandboxEvents("{\\\"eth0\\\":{}}");
        assertEquals("{\"eth0\":{}}", value("container.cni.json", 100));
        assertEquals("", value("container.cni.json", 200));
    }

    @Test
    void healthProbesPrintTheCommandLineOrNone() {
        appAndSandboxEvents("");
        assertEquals("curl -f http://localhost/", value("container.healthcheck", 100));
        assertEquals("/bin/check", value("container.liveness_probe", 100), "null args: just the executable");
        assertEquals("NONE", value("container.readiness_probe", 100), "no probe of that kind");
        assertEquals("NONE", value("container.healthcheck", 200));
    }

    @Test
    void sandboxIdIsCutToTwelveCharactersAndTheFullIdKeptWhole() {
        appAndSandboxEvents("");
        assertEquals("63060edc2d3a", value("k8s.pod.sandbox_id", 100));
        assertEquals(SANDBOX, value("k8s.pod.full_sandbox_id", 100));
        assertEquals("", value("k8s.pod.sandbox_id", 200), "not in a pod: empty, as the plugin sets it");
        assertEquals("", value("k8s.pod.full_sandbox_id", 200));
    }

    @Test
    void withoutItsOwnCniResultAPodReadsIpCniAndLabelsFromItsSandbox() {
        appAndSandboxEvents("");
        assertEquals("10.244.0.7", value("k8s.pod.ip", 100));
        assertEquals("{\"eth0\":{\"IPConfigs\":[{\"IP\":\"10.244.0.7\"}]}}", value("k8s.pod.cni.json", 100));
        assertEquals("app:web, tier:front", value("k8s.pod.labels", 100), "io.kubernetes.* labels are left out");
        assertEquals("web", value("k8s.pod.label", "app", 100), "the sandbox's label wins");
        assertEquals("x", value("k8s.pod.label", "only-own", 100), "falls back to the container's own labels");
        assertEquals("web-1", value("k8s.pod.label", "io.kubernetes.pod.name", 100),
                "single labels are not filtered");
        assertEquals("\\N", value("k8s.pod.label", "missing", 100));
    }

    @Test
    void withItsOwnCniResultAContainerIsItsOwnPod() {
        appAndSandboxEvents("{}");
        assertEquals("10.244.0.9", value("k8s.pod.ip", 100));
        assertEquals("{}", value("k8s.pod.cni.json", 100));
        assertEquals("app:own, empty, only-own:x", value("k8s.pod.labels", 100), "empty values print the key only");
        assertEquals("own", value("k8s.pod.label", "app", 100));
        assertEquals("", value("k8s.pod.label", "empty", 100));
    }

    @Test
    void podValuesAreAbsentWhenTheSandboxHasNoMetadata() {
        appAndSandboxEvents("");
        assertEquals("\\N", value("k8s.pod.ip", 200), "no sandbox id, no CNI result");
        assertEquals("\\N", value("k8s.pod.cni.json", 200));
        assertEquals("", value("k8s.pod.labels", 200));
        assertEquals("\\N", value("k8s.pod.label", "app", 200));
    }

    @Test
    void containerLabelsLeaveOutAnnotationsAndKubernetesLabelsLikeThePlugin() {
        appAndSandboxEvents("");
        assertEquals("flag, maintainer:me", value("container.labels", 100));
        assertEquals("default", value("container.label", "io.kubernetes.pod.namespace", 100));
        assertEquals("", value("container.labels", 200));
    }

    @Test
    void hostProcessesAndContainersWithoutMetadataHaveNoValues() {
        // host thread 1; thread 100 before any container event
        for (String name : List.of("container.cni.json", "container.host_pid", "container.host_network",
                "container.host_ipc", "container.healthcheck", "container.liveness_probe",
                "container.readiness_probe", "k8s.pod.sandbox_id", "k8s.pod.full_sandbox_id", "k8s.pod.ip",
                "k8s.pod.cni.json", "k8s.pod.labels")) {
            assertEquals("\\N", value(name, 1), "host: " + name);
            assertEquals("\\N", value(name, 100), "no metadata: " + name);
        }
        assertEquals("\\N", value("k8s.pod.label", "app", 1));
        appAndSandboxEvents("");
        for (String name : List.of("container.cni.json", "container.host_pid", "container.healthcheck",
                "k8s.pod.sandbox_id", "k8s.pod.labels")) {
            assertEquals("\\N", value(name, 1), "host after container events: " + name);
        }
    }
}
