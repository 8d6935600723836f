package dev.peregrine.plugin.syscall.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** Failures before any native call are sentences for the user. */
class BpfProbeTest {

    @Test
    void aJarWithoutTheProbeObjectSaysClangWasMissingAtBuildTime() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            BpfException e = assertThrows(BpfException.class, () -> BpfProbe.bundledObject(empty));
            assertEquals("the plugin was built without the eBPF probe (clang was missing at build time)", e.getMessage());
        }
    }

    @Test
    void settingsRejectARingSizeThatIsNotAPowerOfTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProbeSettings(2, 3 << 20, 1, false, 80, 0));
        assertEquals("ring buffer size 3145728 must be a power of two between 4 KiB and 1 GiB", e.getMessage());
    }
}
