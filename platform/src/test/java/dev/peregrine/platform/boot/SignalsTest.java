package dev.peregrine.platform.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real signals sent to a separate JVM running Main (Linux {@code kill}). */
class SignalsTest {

    @TempDir
    Path dir;

    private static void kill(String signal, long pid) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor());
    }

    private static void await(Path file, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(file) && Files.readString(file).contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for '" + text + "' in " + file + ":\n"
                        + (Files.exists(file) ? Files.readString(file) : "(missing)"));
            }
            Thread.sleep(50);
        }
    }

    @Test
    void sigusr1ReopensOutputsAndSigtermDrainsPrintsTheSummaryAndExitsZero() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                - rule: bad line
                  desc: d
                  condition: line.text contains bad
                  output: bad (text=%line.text)
                  priority: WARNING
                  source: lines
                """);
        Path events = dir.resolve("events.txt");
        Path config = dir.resolve("falco.yaml");
        Files.writeString(config, "stdout_output:\n  enabled: true\nlog_stderr: true\nlog_syslog: false\n"
                + "file_output:\n  enabled: true\n  keep_alive: true\n  filename: " + events + "\n"
                + "rules_files: [" + rules + "]\nwatch_config_files: false\n"
                + "plugins:\n  - name: lines\n    library_path: liblines.so\n    open_params: 'bad one|...'\n");
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LinesMain.class.getName(), "-c", config.toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            await(events, "Warning bad (text=bad one)");
            kill("USR1", process.pid());
            await(stderr, "SIGUSR1 received, reopening outputs...");
            kill("TERM", process.pid());
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process did not exit");
            assertEquals(0, process.exitValue(), Files.readString(stderr));
            assertTrue(Files.readString(stderr).contains("SIGINT received, exiting..."));
            List<String> out = Files.readAllLines(stdout);
            assertTrue(out.get(0).endsWith(": Warning bad (text=bad one)"), out.toString());
            assertEquals(List.of("Events detected: 1", "Rule counts by severity:", "   WARNING: 1",
                    "Triggered rules by rule name:", "   bad line: 1"), out.subList(1, out.size()));
        } finally {
            process.destroyForcibly();
        }
    }
}
