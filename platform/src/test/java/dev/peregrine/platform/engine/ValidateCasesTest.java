package dev.peregrine.platform.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peregrine.platform.field.FieldCatalog;
import dev.peregrine.platform.rules.result.LoadMessage;
import dev.peregrine.platform.rules.result.LoadResult;
import dev.peregrine.platform.rules.testing.TestCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

/** Runs every {@code kind: validate} case of the shared corpus through {@link RulesLoader}. */
class ValidateCasesTest {

    @TestFactory
    Stream<DynamicTest> everyValidateCaseGivesTheExpectedCodesAndMessages() throws IOException {
        Path shared = TestCatalog.shared();
        assumeTrue(shared != null, "shared corpus (-Dperegrine.shared) not found; skipping the validate cases");
        Path compat = shared.resolve("compat");
        Map<String, Object> manifest = new Yaml().load(Files.readString(compat.resolve("cases.yaml")));
        FieldCatalog syscall = TestCatalog.specSyscall(shared);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cases = (List<Map<String, Object>>) manifest.get("cases");
        return cases.stream().filter(c -> "validate".equals(c.get("kind")))
                .map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> run(compat, syscall, c)));
    }

    @SuppressWarnings("unchecked")
    private static void run(Path compat, FieldCatalog syscall, Map<String, Object> c) throws IOException {
        Map<String, Object> inputs = (Map<String, Object>) c.get("inputs");
        Map<String, Object> expect = (Map<String, Object>) c.get("expect");
        RulesLoader loader = new RulesLoader(Map.of("syscall", syscall));
        List<LoadResult> results = new ArrayList<>();
        for (String file : (List<String>) inputs.get("validate_files")) {
            results.add(loader.load(file, Files.readString(compat.resolve(file))));
        }
        String report = results.toString();
        int exit = results.stream().allMatch(LoadResult::successful) ? 0 : 1;
        assertEquals(((Number) expect.get("exit_code")).intValue(), exit, report);
        for (String ok : (List<String>) expect.getOrDefault("files_ok", List.of())) {
            assertTrue(results.stream().anyMatch(r -> r.fileName().equals(ok) && r.successful()), ok + ": " + report);
        }
        List<LoadMessage> errors = results.stream().flatMap(r -> r.errors().stream()).toList();
        List<LoadMessage> warnings = results.stream().flatMap(r -> r.warnings().stream()).toList();
        for (Map<String, Object> e : (List<Map<String, Object>>) expect.getOrDefault("errors", List.of())) {
            assertTrue(errors.stream().anyMatch(m -> matches(m, e)), "missing error " + e + " in " + report);
        }
        for (Map<String, Object> w : (List<Map<String, Object>>) expect.getOrDefault("warnings", List.of())) {
            assertTrue(warnings.stream().anyMatch(m -> matches(m, w)), "missing warning " + w + " in " + report);
        }
        if (expect.get("error_count") != null) {
            assertEquals(((Number) expect.get("error_count")).intValue(), errors.size(), report);
        }
    }

    private static boolean matches(LoadMessage m, Map<String, Object> e) {
        if (!m.code().name().equals(e.get("code"))) {
            return false;
        }
        boolean located = m.context().stream().anyMatch(l -> l.itemType().label().equals(e.get("item_type"))
                && l.itemName().equals(String.valueOf(e.get("item_name") == null ? "" : e.get("item_name"))));
        if (!located) {
            return false;
        }
        if (e.get("message") != null) {
            return m.message().equals(e.get("message"));
        }
        return m.message().contains((String) e.get("message_contains"));
    }
}
