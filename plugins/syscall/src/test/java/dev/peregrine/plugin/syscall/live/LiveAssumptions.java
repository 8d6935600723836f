package dev.peregrine.plugin.syscall.live;

import dev.peregrine.plugin.syscall.bpf.BpfProbe;
import dev.peregrine.plugin.syscall.bpf.ProbeAbi;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Skips live eBPF tests loudly where they cannot run (not root, no BTF, probe not built). */
public final class LiveAssumptions {

    private LiveAssumptions() {
    }

    /** Aborts the test with a loud message unless this host can load our probe. */
    public static void assumeLiveEbpf() {
        String why = null;
        if (!isRoot()) {
            why = "not root";
        } else if (!Files.exists(BpfProbe.VMLINUX_BTF)) {
            why = "no BTF (" + BpfProbe.VMLINUX_BTF + " missing)";
        } else if (LiveAssumptions.class.getClassLoader().getResource(ProbeAbi.OBJECT_RESOURCE) == null) {
            why = "probe not built (" + ProbeAbi.OBJECT_RESOURCE + " missing: clang absent at build time?)";
        }
        if (why != null) {
            String message = "SKIPPED live eBPF test: " + why;
            System.err.println("*** " + message + " ***");
            Assumptions.abort(message);
        }
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (java.io.IOException e) {
            return false;
        }
        return false;
    }
}
