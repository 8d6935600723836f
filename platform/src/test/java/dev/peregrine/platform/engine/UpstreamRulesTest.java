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

    @Test
    void upstreamPluginRuleFilesLoadWithoutErrorsOrWarnings() throws Exception {
        Path shared = TestCatalog.shared();
        assumeTrue(shared != null, "shared corpus (-Dperegrine.shared) not found; skipping upstream rule files");
        Map<String, String> files = Map.of(
                "k8s_audit_rules.yaml", "k8s_audit:fields-k8saudit.tsv",
                "aws_cloudtrail_rules.yaml", "aws_cloudtrail:fields-cloudtrail.tsv",
                "okta_rules.yaml", "okta:fields-okta.tsv");
        for (Map.Entry<String, String> f : files.entrySet()) {
            String[] sourceAndTable = f.getValue().split(":");
            RulesLoader loader = new RulesLoader(Map.of(sourceAndTable[0],
                    TestCatalog.specPlugin(shared, sourceAndTable[0], sourceAndTable[1], "fields-json.tsv")));
            LoadResult result = loader.load(f.getKey(),
                    Files.readString(shared.resolve("compat/upstream-rules").resolve(f.getKey())));
            assertTrue(result.successful(), f.getKey() + ": " + result.errors());
            assertTrue(result.warnings().isEmpty(), f.getKey() + ": " + result.warnings());
            assertTrue(!loader.ruleset().rules().isEmpty(), f.getKey());
        }
    }
}
