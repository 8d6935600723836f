package dev.peregrine.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Without privileges the modern_ebpf engine fails with a sentence that says what to do, exit code 1. */
class UnprivilegedStartLiveIT {

    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=65534", "--regid=65534",
            "--clear-groups", "--inh-caps=-all", "env", "HOME=/tmp");

    @Test
    void anUnprivilegedUserIsToldToRunAsRootOrWithCapBpfAndCapPerfmon() throws Exception {
        Path root = Path.of(System.getProperty("peregrine.root", "..")).toAbsolutePath().normalize();
        Path launcher = root.resolve("peregrine");
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                .map(l -> l.split("\\s+")[2]).findFirst().orElse("");
        boolean distribution = Files.isDirectory(root.resolve("distribution/target/peregrine/lib"));
        List<String> probe = new ArrayList<>(AS_NOBODY);
        probe.addAll(List.of("test", "-x", launcher.toString()));
        boolean reachable = uid.equals("0") && distribution
                && new ProcessBuilder(probe).start().waitFor() == 0;
        if (!reachable) {
            String why = !uid.equals("0") ? "not root (needed to switch to nobody)"
                    : !distribution ? "distribution not built" : "user nobody cannot reach " + launcher;
            System.err.println("*** SKIPPED live eBPF test: " + why + " ***");
            Assumptions.abort("SKIPPED live eBPF test: " + why);
        }
        List<String> command = new ArrayList<>(AS_NOBODY);
        command.addAll(List.of(launcher.toString(), "-o", "engine.kind=modern_ebpf"));
        Process process = new ProcessBuilder(command).directory(new java.io.File("/tmp"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), stderr);
        assertTrue(stderr.contains("Error: cannot open the modern_ebpf engine: cannot create ring buffer 0 of 8 MiB: "
                + "Operation not permitted (run as root or with CAP_BPF+CAP_PERFMON)"), stderr);
    }
}
