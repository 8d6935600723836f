package dev.peregrine.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the tests find the checkout, its built distribution and the shared corpus beside it. */
final class Checkout {

    private Checkout() {
    }

    /** The checkout root (the directory holding {@code ./peregrine}). */
    static Path root() {
        return Path.of(System.getProperty("peregrine.root", "..")).toAbsolutePath().normalize();
    }

    /** {@code ../shared/compat}: the manifest, upstream rules, captures and oracle dumps. */
    static Path compat() {
        return Path.of(System.getProperty("peregrine.shared", root().resolve("../shared").toString()))
                .toAbsolutePath().normalize().resolve("compat");
    }

    /** The built distribution; aborts the test with a message when it is not built. */
    static Path requireDistribution() {
        Path dist = root().resolve("distribution/target/peregrine");
        Assumptions.assumeTrue(Files.isDirectory(dist.resolve("lib")), "SKIPPED: the distribution is not built");
        return dist;
    }

    /** A file of the corpus; aborts the test with a message when the corpus is absent. */
    static Path requireCorpusFile(String relative) {
        Path file = compat().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "SKIPPED: the conformance corpus is absent");
        return file;
    }

    /** A case runner over this checkout's {@code ./peregrine} and the built distribution's plugins. */
    static CaseRunner runner() {
        return new CaseRunner(root().resolve("peregrine"), compat(), requireDistribution().resolve("plugins"),
                root().resolve("platform/target/test-plugins"));
    }
}
