package dev.peregrine.platform.output.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Every rule output of the upstream rule files tokenizes against the specified field tables. */
class UpstreamRuleOutputsTest {

    @Test
    void everyUpstreamRuleOutputTokenizesWithKnownFields() throws IOException {
        String shared = System.getProperty("peregrine.shared");
        Assumptions.assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "compat", "upstream-rules")),
                "skipped: the shared conformance corpus (system property peregrine.shared) is absent");
        Set<String> fields = new HashSet<>();
        try (Stream<Path> tables = Files.list(Path.of(shared, "spec"))) {
            for (Path table : tables.filter(p -> p.getFileName().toString().endsWith("fields.tsv")
                    || p.getFileName().toString().startsWith("fields-")).toList()) {
                for (String line : Files.readAllLines(table)) {
                    String name = line.split("\t", 2)[0];
                    if (!name.equals("name") && !name.isBlank()) {
                        fields.add(name);
                    }
                }
            }
        }
        // evt.arg and evt.rawarg also take their key as a dotted suffix (evt.arg.flags), which a
        // real field catalogue accepts as a field name.
        java.util.function.Predicate<String> known =
                name -> fields.contains(name) || name.matches("evt\\.(raw)?arg\\.[A-Za-z_]+");
        List<String> failures = new ArrayList<>();
        int outputs = 0;
        try (Stream<Path> files = Files.list(Path.of(shared, "compat", "upstream-rules"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
                    for (Object item : (List<?>) doc) {
                        if (item instanceof Map<?, ?> map && map.get("output") instanceof String output) {
                            outputs++;
                            try {
                                List<FormatSegment> segments = OutputFormatParser.parse("*" + output.strip(), known);
                                for (int i = 0; i + 1 < segments.size(); i++) {
                                    // A token cut short of the name written would leave name characters behind.
                                    if (segments.get(i) instanceof FieldSegment field
                                            && segments.get(i + 1) instanceof TextSegment text
                                            && text.text().matches("(?s)(\\.[A-Za-z]|[A-Za-z0-9_]).*")) {
                                        failures.add(map.get("rule") + ": token %" + field.token()
                                                + " cut short before '" + text.text() + "'");
                                    }
                                }
                            } catch (OutputFormatException e) {
                                failures.add(file.getFileName() + " " + map.get("rule") + ": " + e.legacyMessage());
                            }
                        }
                    }
                }
            }
        }
        assertTrue(outputs > 100, "expected hundreds of upstream rule outputs");
        assertEquals(List.of(), failures);
    }
}
