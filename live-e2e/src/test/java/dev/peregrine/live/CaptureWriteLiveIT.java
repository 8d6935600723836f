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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code -w} on the live engine: what {@code modern_ebpf} captured while {@code cat /etc/shadow} ran is
 * written as a .scap file; replaying it raises the same alert, and sysdig 0.29 (an implementation we
 * did not write) reads the same open of {@code /etc/shadow} from it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CaptureWriteLiveIT {

    private static final String ALERT = "Sensitive file opened for reading by non-trusted program";

    private static Path work;
    private static Path capture;
    private static String liveAlert;

    @BeforeAll
    static void captureALiveRun() throws Exception {
        LiveHost.requireLiveCapture();
        work = Files.createTempDirectory("peregrine-w");
        capture = work.resolve("live.scap");
        try (PeregrineDaemon daemon = PeregrineDaemon.start(LiveHost.root(), List.of("-o", "engine.kind=modern_ebpf",
                "-r", LiveHost.upstreamRules().toString(), "-w", capture.toString()))) {
            assertNotNull(daemon.awaitErr(l -> l.contains("probe attached"), Duration.ofSeconds(90)),
                    "peregrine did not attach the probe:\n" + daemon.stderr());
            assertEquals(0, LiveHost.run("cat", "/etc/shadow"));
            liveAlert = daemon.awaitOut(l -> l.contains(ALERT) && l.contains("file=/etc/shadow")
                    && l.contains("process=cat"), Duration.ofSeconds(30));
            assertNotNull(liveAlert, "no live alert; stdout:\n" + daemon.stdout() + "\nstderr:\n" + daemon.stderr());
            assertEquals(0, daemon.interrupt(Duration.ofSeconds(30)), daemon.stderr());
        }
    }

    @AfterAll
    static void removeCapture() throws IOException {
        if (work != null) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void replayingTheWrittenCaptureRaisesTheSameAlert() throws Exception {
        assertTrue(Files.size(capture) > 0, "capture is empty");
        Output replay = exec(List.of(LiveHost.root().resolve("peregrine").toString(),
                "-o", "engine.kind=replay", "-o", "engine.replay.capture_file=" + capture,
                "-r", LiveHost.upstreamRules().toString()));
        assertEquals(0, replay.exit(), replay.err());
        String sameAlert = liveAlert.substring(liveAlert.indexOf(ALERT));
        assertTrue(replay.out().contains(sameAlert),
                "replay lacks the live alert\n  live: " + liveAlert + "\n  replay stdout:\n" + replay.out());
    }

    @Test
    @Order(2)
    void sysdigReadsTheOpenOfEtcShadowFromTheWrittenCapture() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/sysdig"))) {
            System.err.println("*** SKIPPED sysdig cross-check: /usr/bin/sysdig missing (apt-get install sysdig) ***");
            Assumptions.abort("SKIPPED sysdig cross-check: /usr/bin/sysdig missing");
        }
        Output sysdig = exec(List.of("/usr/bin/sysdig", "-r", capture.toString(), "-p", "%proc.name %evt.type %fd.name",
                "evt.type=openat and evt.dir=< and proc.name=cat"));
        assertEquals(0, sysdig.exit(), sysdig.err());
        assertTrue(sysdig.out().lines().anyMatch(l -> l.equals("cat openat /etc/shadow")),
                "sysdig did not show cat opening /etc/shadow:\n" + sysdig.out() + "\n" + sysdig.err());
    }

    private record Output(int exit, String out, String err) {
    }

    private static Output exec(List<String> command) throws IOException, InterruptedException {
        Path out = work.resolve("out.txt");
        Path err = work.resolve("err.txt");
        Process process = new ProcessBuilder(new ArrayList<>(command)).directory(LiveHost.root().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
