package dev.peregrine.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;

/** What a live end-to-end test needs of this host, and the loud skip when it is missing. */
final class LiveHost {

    private static final String PROBE = "dev/peregrine/plugin/syscall/bpf/peregrine_probe.bpf.o";

    private LiveHost() {
    }

    /** The checkout root (the directory holding {@code ./peregrine}). */
    static Path root() {
        return Path.of(System.getProperty("peregrine.root", "..")).toAbsolutePath().normalize();
    }

    /** Falco's upstream {@code falco_rules.yaml} from {@code ../shared}. */
    static Path upstreamRules() {
        Path shared = Path.of(System.getProperty("peregrine.shared", "../shared")).toAbsolutePath().normalize();
        return shared.resolve("compat/upstream-rules/falco_rules.yaml");
    }

    /** Aborts the calling test class, printing why, unless live eBPF capture can run here. */
    static void requireLiveCapture() throws IOException {
        Path pluginJar = root().resolve("distribution/target/peregrine/plugins/syscall.jar");
        String why = null;
        if (!isRoot()) {
            why = "not root";
        } else if (!Files.exists(Path.of("/sys/kernel/btf/vmlinux"))) {
            why = "no BTF (/sys/kernel/btf/vmlinux missing)";
        } else if (!Files.isRegularFile(pluginJar)) {
            why = "distribution not built (" + pluginJar + " missing)";
        } else if (!hasProbe(pluginJar)) {
            why = "probe not built (clang absent when the syscall plugin was built)";
        } else if (!Files.isRegularFile(upstreamRules())) {
            why = "upstream rules not found at " + upstreamRules() + " (set peregrine.shared)";
        }
        if (why != null) {
            System.err.println("*** SKIPPED live eBPF test: " + why + " ***");
            Assumptions.abort("SKIPPED live eBPF test: " + why);
        }
    }

    private static boolean hasProbe(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getEntry(PROBE) != null;
        }
    }

    private static boolean isRoot() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.split("\\s+")[2].equals("0"));
    }

    /** Runs a command to its end, output discarded; its exit code. */
    static int run(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }
}
