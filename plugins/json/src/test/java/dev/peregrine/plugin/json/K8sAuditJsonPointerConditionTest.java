package dev.peregrine.plugin.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peregrine.api.testing.TestEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Falco's k8s test {@code single_rule_with_json_pointer}: the condition
 * {@code jevt.value[/annotations/authorization.k8s.io~1decision] exists and not jevt.value[/a~1~0b] exists}
 * fires once on {@code create_nginx_pod_unprivileged.json} (one audit event per line).
 */
class K8sAuditJsonPointerConditionTest {

    @Test
    void conditionFiresOnceOnTheUnprivilegedNginxPodTrace() throws IOException {
        String shared = System.getProperty("peregrine.shared");
        assumeTrue(shared != null, "system property peregrine.shared is not set; skipping the k8s trace test");
        Path trace = Path.of(shared, "compat/legacy/trace_files/k8s_audit/create_nginx_pod_unprivileged.json");
        assumeTrue(Files.isRegularFile(trace), "shared corpus absent (" + trace + "); skipping the k8s trace test");

        Extraction extraction = new Extraction();
        List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).toList();
        int fired = 0;
        long number = 0;
        for (String line : lines) {
            TestEvent event = TestEvent.plugin(++number, line);
            boolean decision = extraction.extract("jevt.value", "/annotations/authorization.k8s.io~1decision", event)
                    .isPresent();
            boolean odd = extraction.extract("jevt.value", "/a~1~0b", event).isPresent();
            if (decision && !odd) {
                fired++;
            }
        }
        assertEquals(1, fired);
        assertEquals("allow", extraction.extract("jevt.value", "/annotations/authorization.k8s.io~1decision",
                TestEvent.plugin(1, lines.getFirst())).orElseThrow());
    }
}
