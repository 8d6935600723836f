package dev.peregrine.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Live detection end to end: one {@code ./peregrine -o engine.kind=modern_ebpf} with Falco's upstream
 * {@code falco_rules.yaml} and a custom rule; each test acts on this host and waits for its alert;
 * the last one stops the daemon with SIGINT and checks the end-of-run summary.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModernEbpfDetectionLiveIT {

    private static final Duration ALERT_WAIT = Duration.ofSeconds(30);
    private static final String CUSTOM_RULE = """
            - rule: Peregrine e2e curl spawned
              desc: the custom rule of the live end-to-end test
              condition: spawned_process and proc.name = curl
              output: "curl spawned (command=%proc.cmdline tid=%thread.tid)"
              priority: NOTICE
            """;

    private static Path work;
    private static PeregrineDaemon daemon;
    private static final String MARK = "peregrine-e2e-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startPeregrine() throws Exception {
        LiveHost.requireLiveCapture();
        Path root = LiveHost.root();
        Path rules = LiveHost.upstreamRules();
        work = Files.createTempDirectory("peregrine-e2e");
        Path custom = work.resolve("custom_rules.yaml");
        Files.writeString(custom, CUSTOM_RULE);
        daemon = PeregrineDaemon.start(root, List.of("-o", "engine.kind=modern_ebpf",
                "-r", rules.toString(), "-r", custom.toString()));
        String attached = daemon.awaitErr(l -> l.contains("probe attached"), Duration.ofSeconds(90));
        assertNotNull(attached, "peregrine did not attach the probe:\n" + daemon.stderr());
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

    private static int run(String... command) throws IOException, InterruptedException {
        return LiveHost.run(command);
    }

    private static String awaitAlert(String what, java.util.function.Predicate<String> match) throws Exception {
        String line = daemon.awaitOut(match, ALERT_WAIT);
        assertNotNull(line, "no alert for " + what + "; stdout so far:\n" + daemon.stdout()
                + "\nstderr:\n" + daemon.stderr());
        return line;
    }

    @Test
    @Order(1)
    void catOfEtcShadowRaisesReadSensitiveFileUntrusted() throws Exception {
        assertEquals(0, run("cat", "/etc/shadow"));
        String alert = awaitAlert("cat /etc/shadow", l -> l.contains("Sensitive file opened for reading by non-trusted program")
                && l.contains("file=/etc/shadow") && l.contains("process=cat"));
        assertTrue(alert.contains("Warning"), alert);
    }

    @Test
    @Order(2)
    void aBinaryCopiedToDevShmAndRunRaisesExecutionFromDevShm() throws Exception {
        Path copy = Path.of("/dev/shm", MARK);
        Files.copy(Path.of("/bin/true"), copy, StandardCopyOption.REPLACE_EXISTING);
        copy.toFile().setExecutable(true);
        try {
            assertEquals(0, run(copy.toString()));
            awaitAlert("a binary run from /dev/shm", l -> l.contains("File execution detected from /dev/shm")
                    && l.contains(MARK));
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @Test
    @Order(3)
    void aSymlinkOverASensitiveFileRaisesCreateSymlinkOverSensitiveFiles() throws Exception {
        Path link = work.resolve(MARK + "-link");
        assertEquals(0, run("ln", "-s", "/etc/shadow", link.toString()));
        awaitAlert("ln -s /etc/shadow", l -> l.contains("Symlinks created over sensitive files")
                && l.contains(link.toString()));
    }

    @Test
    @Order(4)
    void aProcessExecutedFromAMemfdRaisesFilelessExecution() throws Exception {
        String script = "import os\n"
                + "fd = os.memfd_create('" + MARK + "', 0)\n"
                + "os.write(fd, open('/bin/true', 'rb').read())\n"
                + "os.execve(fd, ['" + MARK + "'], {})\n";
        assertEquals(0, run("python3", "-c", script));
        awaitAlert("an exec from a memfd", l -> l.contains("Fileless execution via memfd_create")
                && l.contains(MARK));
    }

    @Test
    @Order(5)
    void aCustomRuleOnSpawnedCurlFires() throws Exception {
        assertEquals(0, run("curl", "--version"));
        awaitAlert("curl --version", l -> l.contains("curl spawned (command=curl --version"));
    }

    @Test
    @Order(100)
    void sigintStopsCleanlyWithTheEndOfRunSummary() throws Exception {
        int exit = daemon.interrupt(Duration.ofSeconds(30));
        assertEquals(0, exit, "exit code after SIGINT; stderr:\n" + daemon.stderr());
        String out = daemon.stdout();
        assertTrue(out.contains("Events detected:"), out);
        assertTrue(out.contains("Triggered rules by rule name:"), out);
        assertTrue(out.contains("Read sensitive file untrusted:"), out);
        assertTrue(daemon.stderr().contains("SIGINT received, exiting..."), daemon.stderr());
    }
}
