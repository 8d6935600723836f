package dev.peregrine.plugin.syscall.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.plugin.syscall.SharedSpecs;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Every evt.type name the upstream syscall rule files use is a known event type. */
class UpstreamRulesEventTypesTest {

    private static final Pattern EQUALS = Pattern.compile("evt\\.type\\s*(?:==|=|!=)\\s*([A-Za-z0-9_]+)");
    private static final Pattern IN = Pattern.compile("evt\\.type\\s+in\\s*\\(([^)]*)\\)");

    @Test
    void everyEvtTypeNameInFalcoRuleFilesIsKnown() throws IOException {
        Path dir = SharedSpecs.require("compat/upstream-rules");
        Map<String, List<String>> lists = new HashMap<>();
        List<String> conditions = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "falco*_rules.yaml")) {
            for (Path file : files) {
                read(file, lists, conditions);
            }
        }
        Set<String> used = new TreeSet<>();
        for (String condition : conditions) {
            Matcher equals = EQUALS.matcher(condition);
            while (equals.find()) {
                used.add(equals.group(1));
            }
            Matcher in = IN.matcher(condition);
            while (in.find()) {
                for (String item : in.group(1).split(",")) {
                    String name = item.trim();
                    used.addAll(lists.getOrDefault(name, List.of(name)));
                }
            }
        }
        assertTrue(used.size() > 30, "too few evt.type names found: " + used);
        Set<String> known = SyscallEventTypeCatalog.standard().names();
        List<String> unknown = used.stream().filter(name -> !known.contains(name)).toList();
        assertEquals(List.of(), unknown);
    }

    @SuppressWarnings("unchecked")
    private static void read(Path file, Map<String, List<String>> lists, List<String> conditions) throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try (Reader reader = Files.newBufferedReader(file)) {
            Object document = yaml.load(reader);
            if (!(document instanceof List<?> items)) {
                return;
            }
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> map)) {
                    continue;
                }
                if (map.get("list") instanceof String name && map.get("items") instanceof List<?> values) {
                    lists.computeIfAbsent(name, n -> new ArrayList<>())
                            .addAll(values.stream().map(String::valueOf).toList());
                }
                if (map.get("condition") instanceof String condition) {
                    conditions.add(condition);
                }
            }
        }
    }
}
