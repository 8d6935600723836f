package dev.peregrine.platform.condition.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Every macro and rule condition of the upstream rule files parses as written. */
class UpstreamRuleConditionsTest {

    private static List<String> upstreamConditions() throws IOException {
        String shared = System.getProperty("peregrine.shared");
        Assumptions.assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "compat", "upstream-rules")),
                "skipped: the shared conformance corpus (system property peregrine.shared) is absent");
        List<String> conditions = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(shared, "compat", "upstream-rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
                    if (!(doc instanceof List<?> items)) {
                        continue;
                    }
                    for (Object item : items) {
                        if (item instanceof Map<?, ?> map && map.get("condition") instanceof String condition
                                && (map.containsKey("macro") || map.containsKey("rule"))) {
                            conditions.add(condition);
                        }
                    }
                }
            }
        }
        return conditions;
    }

    @Test
    void everyUpstreamMacroAndRuleConditionParses() throws IOException {
        List<String> conditions = upstreamConditions();
        assertTrue(conditions.size() > 500, "expected the upstream files to hold hundreds of conditions");
        List<String> failures = new ArrayList<>();
        for (String condition : conditions) {
            try {
                ConditionParser.parse(condition);
            } catch (ConditionSyntaxException e) {
                failures.add(e.getMessage() + " at " + e.offset() + " in: " + condition);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void parseRateOfUpstreamConditionsIsLogged() throws Exception {
        List<String> conditions = upstreamConditions();
        long coldStart = System.nanoTime();
        for (String condition : conditions) {
            ConditionParser.parse(condition);
        }
        double coldSeconds = (System.nanoTime() - coldStart) / 1e9;
        // Warm up so the rate reflects steady state rather than class loading and JIT.
        for (int i = 0; i < 5; i++) {
            for (String condition : conditions) {
                ConditionParser.parse(condition);
            }
        }
        int rounds = 10;
        long chars = 0;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            for (String condition : conditions) {
                ConditionParser.parse(condition);
                chars += condition.length();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int parsed = conditions.size() * rounds;
        System.out.printf("condition parse rate: first pass over %d conditions %.3f s (cold, if first in JVM); "
                + "steady %d conditions (%d chars) in %.3f s = %.0f conditions/s%n",
                conditions.size(), coldSeconds, parsed, chars, seconds, parsed / seconds);
        assertTrue(parsed > 0);
    }
}
