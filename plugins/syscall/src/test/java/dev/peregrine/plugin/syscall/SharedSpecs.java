package dev.peregrine.plugin.syscall;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates /work/shared through the {@code peregrine.shared} property; skips tests when absent. */
public final class SharedSpecs {

    private SharedSpecs() {
    }

    /** {@code <shared>/<relative>}, or a skipped test when the shared corpus is not there. */
    public static Path require(String relative) {
        String shared = System.getProperty("peregrine.shared");
        assumeTrue(shared != null, "system property peregrine.shared is not set; skipping a shared-corpus test");
        Path path = Path.of(shared).resolve(relative);
        assumeTrue(Files.exists(path), "shared corpus absent (" + path + "); skipping a shared-corpus test");
        return path;
    }
}
