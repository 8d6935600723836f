package dev.peregrine.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code syscall_event_drops} on a real overflow: 1 MiB ring buffers flooded by getpid loops (a rule
 * names getpid, so the probe captures it) lose events in the kernel; the drop monitor sees the probe's
 * counters move, the {@code alert} action emits Falco's internal alert with the counts, {@code log}
 * writes its debug line, and the end-of-run summary counts the occurrence.
 */
class DropActionsLiveIT {

    private static final String RULES = """
            - rule: getpid never matches
              desc: makes the probe capture getpid (a rule must name it), never fires
              condition: evt.type = getpid and proc.name = peregrine-never-matches
              output: "unexpected %proc.name"
              priority: WARNING
            """;

    @Test
    void aFloodedRingDropsEventsAndTheDropActionsFire() throws Exception {
        LiveHost.requireLiveCapture();
        Path work = Files.createTempDirectory("peregrine-drops");
        Path loop = compileGetpidLoop(work);
        Path rules = work.resolve("rules.yaml");
        Files.writeString(rules, RULES);
        try (PeregrineDaemon daemon = PeregrineDaemon.start(LiveHost.root(), List.of(
                "-o", "engine.kind=modern_ebpf", "-o", "engine.modern_ebpf.buf_size_preset=1",
                "-o", "engine.modern_ebpf.partitions=1", "-o", "json_output=true", "-o", "log_level=debug",
                "-o", "syscall_event_drops.threshold=0", "-o", "syscall_event_drops.max_burst=10",
                "-o", "syscall_event_drops.rate=10", "-r", rules.toString()))) {
            assertNotNull(daemon.awaitErr(l -> l.contains("probe attached"), Duration.ofSeconds(90)),
                    "peregrine did not attach the probe:\n" + daemon.stderr());
            String alert = null;
            for (int round = 0; round < 5 && alert == null; round++) {
                List<Process> floods = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    floods.add(new ProcessBuilder(loop.toString(), "5000000").redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
                }
                for (Process flood : floods) {
                    flood.waitFor();
                }
                // the monitor checks once per second of event time: the next events after the flood trigger it
                LiveHost.run("cat", "/etc/hostname");
                alert = daemon.awaitOut(l -> l.contains("Falco internal: syscall event drop"), Duration.ofSeconds(5));
            }
            assertNotNull(alert, "no drop alert after five floods; stderr:\n" + tail(daemon.stderr()));
            assertTrue(alert.contains("\"priority\":\"Debug\""), alert);
            assertTrue(alert.contains("\"ebpf_enabled\":\"1\""), alert);
            assertTrue(number(alert, "n_drops") > 0, alert);
            assertTrue(number(alert, "n_evts") >= number(alert, "n_drops"), alert);
            assertNotNull(daemon.awaitErr(l -> l.contains("Falco internal: syscall event drop. ")
                    && l.contains(" system calls dropped in last second."), Duration.ofSeconds(5)),
                    "no log action line:\n" + tail(daemon.stderr()));
            assertEquals(0, daemon.interrupt(Duration.ofSeconds(30)), tail(daemon.stderr()));
            Matcher occurrences = Pattern.compile("event drop detected: (\\d+) occurrences").matcher(daemon.stderr());
            assertTrue(occurrences.find() && Long.parseLong(occurrences.group(1)) >= 1, tail(daemon.stderr()));
        }
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"?(\\d+)").matcher(json);
        assertTrue(m.find(), field + " missing in " + json);
        return Long.parseLong(m.group(1));
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    private static Path compileGetpidLoop(Path work) throws Exception {
        Path source = LiveHost.root().resolve("benchmarks/live/getpid_loop.c");
        Path binary = work.resolve("getpid_loop");
        for (String compiler : List.of("/usr/bin/gcc", "/usr/bin/cc", "/usr/bin/clang")) {
            if (Files.isExecutable(Path.of(compiler))
                    && LiveHost.run(compiler, "-O2", "-o", binary.toString(), source.toString()) == 0) {
                return binary;
            }
        }
        System.err.println("*** SKIPPED live drop test: no C compiler (gcc, cc or clang) to build the getpid loop ***");
        Assumptions.abort("SKIPPED live drop test: no C compiler");
        return null;
    }
}
