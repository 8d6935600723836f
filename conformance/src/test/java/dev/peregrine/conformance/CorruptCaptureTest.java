package dev.peregrine.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Falco's behaviour on a damaged capture, end to end through {@code ./peregrine}: every event before the
 * damage is evaluated, the error names the file, block and byte offset, and the run exits 1 after the
 * summary.
 */
class CorruptCaptureTest {

    @TempDir
    Path scratch;

    @Test
    void truncatedCaptureAlertsOnEveryEarlierEventThenExitsOneNamingTheOffset() throws IOException {
        Path capture = Checkout.requireCorpusFile("legacy/trace_files/cat_write.scap");
        CaseRunner runner = Checkout.runner();

        byte[] bytes = Files.readAllBytes(capture);
        Path cut = scratch.resolve("cut.scap");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 300));
        Path rules = scratch.resolve("rules.yaml");
        Files.writeString(rules, """
                - rule: cat_close
                  desc: cat closes an fd
                  condition: evt.type=close and proc.name=cat
                  output: "close %fd.num"
                  priority: WARNING
                """);
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("rules_files", List.of(rules.toString()));
        inputs.put("trace_file", cut.toString());
        Run run = runner.run(new ConformanceCase("corrupt_capture", "detect", "syscall", inputs, Map.of()), scratch);

        assertEquals(1, run.exitCode(), run.describe());
        // the six closes of cat_write all precede the truncated tail
        assertEquals(6, run.stdout().lines().filter(l -> l.contains(": Warning close ")).count(), run.describe());
        assertTrue(run.stdout().contains("cat_close: 6"), run.describe());
        assertTrue(run.stderr().matches("(?s).*Error: cannot read capture " + java.util.regex.Pattern.quote(cut.toString())
                + ": block \\d+, byte offset \\d+: .*"), run.describe());
    }
}
