package dev.peregrine.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Our own default rules validate cleanly through the launcher: no error and no warning. */
class DefaultRulesTest {

    @Test
    void bundledRulesValidateWithoutErrorsOrWarnings() throws IOException, InterruptedException {
        Path root = Checkout.root();
        Path dist = root.resolve("distribution/target/peregrine");
        Assumptions.assumeTrue(Files.isDirectory(dist.resolve("lib")), "SKIPPED: distribution not built: " + dist);
        List<String> command = new ArrayList<>(List.of(root.resolve("peregrine").toString(), "-o", "json_output=true"));
        try (Stream<Path> files = Files.list(dist.resolve("rules"))) {
            files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> {
                command.add("-V");
                command.add(f.toString());
            });
        }
        assertTrue(command.contains("-V"), "no bundled rules file found in " + dist.resolve("rules"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        assertEquals(0, exit, "validation failed:\n" + stdout);
        JsonNode results = new ObjectMapper().readTree(stdout.lines()
                .filter(l -> l.startsWith("{\"falco_load_results\"")).findFirst().orElseThrow())
                .path("falco_load_results");
        for (JsonNode result : results) {
            assertTrue(result.path("successful").asBoolean(), result.toString());
            assertEquals(0, result.path("warnings").size(), "warnings: " + result.path("warnings"));
        }
    }
}
