package dev.peregrine.platform.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peregrine.platform.rules.result.LoadResult;
import dev.peregrine.platform.rules.testing.TestCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The upstream syscall rule files load without error, in one loader, quickly. */
class UpstreamRulesTest {

    @Test
    void upstreamSyscallRuleFilesLoadWithoutErrors() throws Exception {
        Path shared = TestCatalog.shared();
        assumeTrue(shared != null, "shared corpus (-Dperegrine.shared) not found; skipping upstream rule files");
        RulesLoader loader = new RulesLoader(Map.of("syscall", TestCatalog.specSyscall(shared)));
        long start = System.nanoTime();
        for (String name : List.of("falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml")) {
            String content = Files.readString(shared.resolve("compat/upstream-rules").resolve(name));
            long t0 = System.nanoTime();
            LoadResult result = loader.load(name, content);
            System.out.println(name + " " + (System.nanoTime() - t0) / 1_000_000 + " ms, warnings " + result.warnings().size());
            assertTrue(result.successful(), name + ": " + result.errors());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("upstream syscall rules loaded in " + millis + " ms, "
                + loader.ruleset().rules().size() + " rules");
        assertTrue(loader.ruleset().rules().size() > 80, "rules compiled");
    }
}
