package dev.peregrine.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live detection with two partitions ({@code engine.modern_ebpf.partitions=2}): the probe routes each
 * process to ring {@code tgid % 2} and a worker per ring evaluates the rules. Shells started here run a
 * {@code cat} in the background, so cats land in both rings and often in the other ring than their shell:
 * every cat must raise its alert, and the alert must name its parent shell, read from the shared thread
 * table whichever partition the shell belongs to.
 */
class PartitionedDetectionLiveIT {

    private static final Duration ALERT_WAIT = Duration.ofSeconds(30);
    private static final String MARK = "peregrine-partitions-" + UUID.randomUUID().toString().substring(0, 8);

    private static Path work;
    private static Path target;
    private static PeregrineDaemon daemon;

    @BeforeAll
    static void startPeregrine() throws Exception {
        LiveHost.requireLiveCapture();
        work = Files.createTempDirectory("peregrine-partitions");
        target = work.resolve(MARK);
        Files.writeString(target, "x\n");
        Path rules = work.resolve("partition_rules.yaml");
        Files.writeString(rules, """
                - rule: Peregrine partitioned cat
                  desc: a cat reading the test's marker file
                  condition: evt.type in (open, openat, openat2) and fd.name = %s and proc.name = cat
                  output: "partitioned cat (pid=%%proc.pid ppid=%%proc.ppid pname=%%proc.pname file=%%fd.name)"
                  priority: WARNING
                """.formatted(target));
        daemon = PeregrineDaemon.start(LiveHost.root(), List.of("-o", "engine.kind=modern_ebpf",
                "-o", "engine.modern_ebpf.partitions=2", "-r", rules.toString()));
        String attached = daemon.awaitErr(l -> l.contains("probe attached"), Duration.ofSeconds(90));
        assertNotNull(attached, "peregrine did not attach the probe:\n" + daemon.stderr());
        assertTrue(attached.contains("2 ring buffers"), attached);
    }

    @AfterAll
    static void stopPeregrine() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (work != null) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs {@code sh -c 'cat FILE & echo $$ $!; wait'}: the shell's pid and its background cat's. */
    private static long[] shellAndCat() throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("sh", "-c", "cat '" + target + "' >/dev/null & echo $$ $!; wait")
                .redirectErrorStream(true).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, sh.waitFor(), out);
        String[] pids = out.split("\\s+");
        return new long[] {Long.parseLong(pids[0]), Long.parseLong(pids[1])};
    }

    @Test
    void catsInBothRingsRaiseTheirAlertsWithTheirParentShellFromEitherPartition() throws Exception {
        List<long[]> runs = new ArrayList<>();
        boolean[] catParity = new boolean[2];
        boolean crossed = false;
        for (int i = 0; i < 60 && !(catParity[0] && catParity[1] && crossed && runs.size() >= 6); i++) {
            if (i % 2 == 1) {
                // on a quiet host pids go up by two per run (sh, cat): one more process flips the parity
                new ProcessBuilder("true").start().waitFor();
            }
            long[] run = shellAndCat();
            runs.add(run);
            catParity[(int) (run[1] % 2)] = true;
            crossed |= run[0] % 2 != run[1] % 2;
        }
        assertTrue(catParity[0] && catParity[1] && crossed,
                "could not place cats in both rings and one away from its shell in " + runs.size() + " tries");
        for (long[] run : runs) {
            String expected = "partitioned cat (pid=" + run[1] + " ppid=" + run[0] + " pname=sh file=" + target + ")";
            String line = daemon.awaitOut(l -> l.contains(expected), ALERT_WAIT);
            assertNotNull(line, "no alert for cat " + run[1] + " (ring " + run[1] % 2 + ") of shell " + run[0]
                    + " (ring " + run[0] % 2 + "); stdout so far:\n" + daemon.stdout() + "\nstderr:\n" + daemon.stderr());
        }
        long alerts = daemon.stdout().lines().filter(l -> l.contains("partitioned cat (")).count();
        assertEquals(runs.size(), alerts, "one alert per cat, none twice:\n" + daemon.stdout());
    }
}
