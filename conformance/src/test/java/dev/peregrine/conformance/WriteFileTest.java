package dev.peregrine.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -w} end to end through {@code ./peregrine}: replaying a capture while writing it
 * ({@code engine.write_file}, what {@code -w} sets) and then replaying the written file gives the same
 * alerts.
 */
class WriteFileTest {

    @TempDir
    Path scratch;

    @Test
    void aCaptureWrittenDuringReplayReplaysWithTheSameAlerts() throws IOException {
        Path capture = Checkout.requireCorpusFile("legacy/trace_files/cat_write.scap");
        CaseRunner runner = Checkout.runner();

        Path rules = scratch.resolve("rules.yaml");
        Files.writeString(rules, """
                - rule: cat_fd_activity
                  desc: cat touches an fd
                  condition: evt.type in (open, openat, read, write, close, fstat) and proc.name=cat
                  output: "%evt.num %evt.type fd=%fd.name parent=%proc.pname user=%user.name cmd=%proc.cmdline"
                  priority: WARNING
                """);
        Path written = scratch.resolve("written.scap");

        Map<String, Object> first = new HashMap<>();
        first.put("rules_files", List.of(rules.toString()));
        first.put("trace_file", capture.toString());
        first.put("options", Map.of("engine.write_file", written.toString()));
        Run original = runner.run(new ConformanceCase("write_file", "detect", "syscall", first, Map.of()), scratch);
        assertEquals(0, original.exitCode(), original.describe());
        assertTrue(Files.size(written) > 0, "the capture was written");

        Map<String, Object> second = new HashMap<>();
        second.put("rules_files", List.of(rules.toString()));
        second.put("trace_file", written.toString());
        Run replayed = runner.run(new ConformanceCase("write_file_replay", "detect", "syscall", second, Map.of()),
                scratch);
        assertEquals(0, replayed.exitCode(), replayed.describe());

        List<String> alerts = alerts(original.stdout());
        assertTrue(alerts.size() > 5, original.describe());
        assertEquals(alerts, alerts(replayed.stdout()));
    }

    private static List<String> alerts(String stdout) {
        return stdout.lines().filter(line -> line.contains(": Warning ")).toList();
    }
}
