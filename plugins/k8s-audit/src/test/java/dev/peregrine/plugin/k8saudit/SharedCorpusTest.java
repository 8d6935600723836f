package dev.peregrine.plugin.k8saudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.api.testing.RecordingBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Falco's k8s audit trace files replay to the spec's example values. */
class SharedCorpusTest {

    private final Extraction extraction = new Extraction();

    private static Path traces() {
        String shared = System.getProperty("peregrine.shared");
        assumeTrue(shared != null, "system property peregrine.shared is not set; skipping the shared-corpus test");
        Path dir = Path.of(shared, "compat", "legacy", "trace_files", "k8s_audit");
        assumeTrue(Files.isDirectory(dir), "no k8s audit trace files under " + dir + "; skipping");
        return dir;
    }

    private static List<String> replay(Path file) throws Exception {
        PluginInstance instance = new K8sAuditPlugin().init(null, "");
        try (EventStream stream = instance.open(file.toString())) {
            RecordingBatch batch = new RecordingBatch(1000);
            stream.nextBatch(batch);
            return batch.texts();
        }
    }

    @Test
    void privilegedPodTraceGivesTheSpecExampleValues() throws Exception {
        List<String> events = replay(traces().resolve("create_nginx_pod_privileged.json"));
        assertEquals(1, events.size());
        String event = events.getFirst();
        assertEquals(List.of("nginx"), extraction.values("ka.req.pod.containers.image", event));
        assertEquals(List.of("true"), extraction.values("ka.req.pod.containers.privileged", event));
        assertEquals(List.of("nginx-deployment-5cdcc99dbf-rgw6z"), extraction.values("ka.resp.name", event));
        assertEquals(List.of("201"), extraction.values("ka.response.code", event));
        assertEquals(List.of("0"), extraction.values("ka.req.pod.containers.eff_run_as_user", event));
    }

    @Test
    void configmapTraceGivesSixEventsAndTheUnrecognisedTraceNone() throws Exception {
        assertEquals(6, replay(traces().resolve("create_configmap_sensitive_values.json")).size());
        assertEquals(List.of(), replay(traces().resolve("fal_01_003.json")));
    }

    @Test
    void wildcardResourcesAreFlattenedFromTheRules() throws Exception {
        List<String> events = replay(traces().resolve("create_cluster_role_wildcard_resources.json"));
        assertEquals("*", extraction.values("ka.req.role.rules.resources", events.getFirst()).getFirst());
    }
}
