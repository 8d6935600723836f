package dev.peregrine.platform.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs through Main with a real (in-process) event source, rules, outputs and the summary. */
class EndToEndTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Main main() {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("FALCO_HOSTNAME", "e2e")::get,
                new Properties(), false, path -> LinesPlugin.provider());
    }

    private int run(String... args) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("FALCO_HOSTNAME", "e2e")::get,
                new Properties(), false, path -> LinesPlugin.provider()).run(args);
    }

    private Path setup(String lines, String extraConfig) throws IOException {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                - rule: bad line
                  desc: a line mentions bad
                  condition: line.text contains bad
                  output: bad line seen (text=%line.text)
                  priority: WARNING
                  source: lines
                  tags: [test]
                - rule: ugly line
                  desc: a line mentions ugly
                  condition: line.text contains ugly
                  output: ugly (text=%line.text)
                  priority: INFO
                  source: lines
                """);
        Path config = dir.resolve("falco.yaml");
        Files.writeString(config, "stdout_output:\n  enabled: true\nlog_stderr: true\nlog_syslog: false\n"
                + "rules_files: [" + rules + "]\n"
                + "plugins:\n  - name: lines\n    library_path: liblines.so\n    open_params: '" + lines + "'\n"
                + extraConfig);
        return config;
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void alertsReachStdoutInOrderAndTheSummaryCountsThem() throws IOException {
        Path config = setup("ok|bad one|ugly one|bad two", "time_format_iso_8601: true\n");
        assertEquals(0, run("-c", config.toString()), err.toString(StandardCharsets.UTF_8));
        assertEquals("""
                1970-01-01T00:16:41.000000000+0000: Warning bad line seen (text=bad one)
                1970-01-01T00:16:42.000000000+0000: Informational ugly (text=ugly one)
                1970-01-01T00:16:43.000000000+0000: Warning bad line seen (text=bad two)
                Events detected: 3
                Rule counts by severity:
                   WARNING: 2
                   INFO: 1
                Triggered rules by rule name:
                   bad line: 2
                   ugly line: 1
                """, stdout());
    }

    @Test
    void priorityFilterDisableOptionsAndJsonFileOutputWork() throws IOException {
        Path events = dir.resolve("events.json");
        Path config = setup("bad one|ugly one", "json_output: true\nfile_output:\n  enabled: true\n  filename: "
                + events + "\nstdout_output:\n  enabled: false\n");
        assertEquals(0, run("-c", config.toString(), "-o", "priority=notice"), err.toString(StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(events);
        assertEquals(List.of("{\"hostname\":\"e2e\",\"output\":\"00:16:40.000000000: Warning bad line seen (text=bad one)\","
                + "\"output_fields\":{\"evt.time\":1000000000000,\"line.text\":\"bad one\"},\"priority\":\"Warning\","
                + "\"rule\":\"bad line\",\"source\":\"lines\",\"tags\":[\"test\"],\"time\":\"1970-01-01T00:16:40.000000000Z\"}"),
                lines.stream().map(l -> l.replaceFirst("\"output\":\"\\d\\d:", "\"output\":\"00:")).toList());
        assertTrue(stdout().startsWith("Events detected: 1\n"), stdout());
    }

    @Test
    void durationStopsTheRunAfterThatMuchEventTime() throws IOException {
        Path config = setup("bad 0|bad 1|bad 2|bad 3|bad 4|bad 5", "");
        assertEquals(0, run("-c", config.toString(), "-M", "2", "-o", "rules[].disable.rule=ugly*"));
        assertTrue(stdout().contains("Events detected: 3\n"), stdout());
    }

    @Test
    void legacyTagSelectionAndAppendedOutputApply() throws IOException {
        Path config = setup("bad one|ugly one", "");
        assertEquals(0, run("-c", config.toString(), "-t", "test", "-p", "(extra)"));
        assertTrue(stdout().contains("Warning bad line seen (text=bad one) (extra)\n"), stdout());
        assertTrue(stdout().contains("Events detected: 1\n"), stdout());
    }

    @Test
    void programOutputRunsAShellPerAlert() throws IOException {
        Path target = dir.resolve("program.txt");
        Path config = setup("bad one|bad two", "program_output:\n  enabled: true\n  program: cat >> " + target + "\n");
        assertEquals(0, run("-c", config.toString()));
        List<String> delivered = Files.readAllLines(target);
        assertEquals(2, delivered.size());
        assertTrue(delivered.get(1).endsWith("Warning bad line seen (text=bad two)"), delivered.toString());
    }

    private void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "\nstdout:\n" + stdout() + "\nstderr:\n"
                        + err.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(20);
        }
    }

    @Test
    void rulesEditRestartsWhenValidAndRaisesAnInternalAlertWhenNot() throws Exception {
        Path config = setup("bad one|...", "watch_config_files: true\n");
        Path rules = dir.resolve("rules.yaml");
        Main main = main();
        int[] exit = {-1};
        Thread running = new Thread(() -> exit[0] = main.run(new String[] {"-c", config.toString()}));
        running.start();
        await(() -> stdout().contains("Warning bad line seen (text=bad one)"), "the first alert");

        Files.writeString(rules, "- rule: broken\n");
        await(() -> stdout().contains("Critical Falco internal: hot restart failure: "), "the restart failure alert");

        Files.writeString(rules, """
                - rule: bad line v2
                  desc: d
                  condition: line.text contains bad
                  output: second generation (text=%line.text)
                  priority: ERROR
                  source: lines
                """);
        await(() -> stdout().contains("Error second generation (text=bad one)"), "the restarted run's alert");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("SIGHUP received, restarting..."));

        main.shutdown();
        running.join(10_000);
        assertEquals(0, exit[0]);
        assertTrue(stdout().endsWith("Triggered rules by rule name:\n   bad line v2: 1\n"), stdout());
    }
}
