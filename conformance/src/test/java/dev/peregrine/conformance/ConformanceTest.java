package dev.peregrine.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Falco's conformance manifest, one dynamic test per case, run through {@code ./peregrine}.
 *
 * <p>A case whose inputs Peregrine cannot provide yet (a plugin not in the distribution, a
 * fixture not built) or whose run ends with Peregrine saying a capability is "not implemented
 * yet" is reported as skipped with the reason: visible, never counted as passed.
 */
class ConformanceTest {

    /** What Peregrine prints when asked for a capability a later issue delivers. */
    static final String NOT_IMPLEMENTED_MARKER = "not implemented yet";

    @TempDir
    Path scratch;

    @TestFactory
    Stream<DynamicTest> manifestCases() throws IOException {
        Path compat = Checkout.compat();
        Path manifest = compat.resolve("cases.yaml");
        Assumptions.assumeTrue(Files.isRegularFile(manifest),
                "SKIPPED: the conformance corpus is absent (expected " + manifest
                        + "); clone the project beside its shared/ folder to run it");
        Path dist = Checkout.root().resolve("distribution/target/peregrine");
        Assumptions.assumeTrue(Files.isDirectory(dist.resolve("lib")),
                "SKIPPED: the distribution is not built (" + dist + "); run the build first");

        CaseRunner runner = Checkout.runner();
        Map<String, Object> document = new Yaml().load(Files.readString(manifest));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cases = (List<Map<String, Object>>) document.get("cases");
        return cases.stream().map(ConformanceCase::from).map(c -> DynamicTest.dynamicTest(
                c.kind() + ": " + c.name(), () -> runCase(runner, compat, c)));
    }

    private void runCase(CaseRunner runner, Path compat, ConformanceCase c) throws IOException {
        Path work = Files.createDirectories(scratch.resolve(c.name().replaceAll("[^A-Za-z0-9_.-]", "_")));
        for (Map<String, Object> plugin : c.plugins()) {
            String missing = runner.pluginSource(plugin, work).missingReason();
            if (missing != null) {
                pending(c, missing);
            }
        }
        Run run = runner.run(c, work);
        if (run.stderr().contains(NOT_IMPLEMENTED_MARKER) || run.stdout().contains(NOT_IMPLEMENTED_MARKER)) {
            String line = run.stderr().lines().filter(l -> l.contains(NOT_IMPLEMENTED_MARKER)).findFirst()
                    .orElse(NOT_IMPLEMENTED_MARKER);
            pending(c, line.strip());
        }
        List<String> failures = new Expectations(compat, work).check(c, run);
        if (!failures.isEmpty()) {
            fail(c.name() + ":\n - " + String.join("\n - ", failures) + "\n" + run.describe());
        }
        System.out.println("conformance PASSED  " + c.kind() + " " + c.name());
    }

    /** Reports a case that needs a capability Peregrine does not have yet: skipped, with the reason. */
    private static void pending(ConformanceCase c, String reason) {
        System.out.println("conformance PENDING " + c.kind() + " " + c.name() + ": " + reason);
        Assumptions.abort("PENDING: " + reason);
    }
}
