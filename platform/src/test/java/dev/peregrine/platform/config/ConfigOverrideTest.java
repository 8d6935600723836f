package dev.peregrine.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigOverrideTest {

    private static Map<String, Object> apply(Map<String, Object> root, String... options) {
        for (String option : options) {
            ConfigOverride.parse(option).applyTo(root);
        }
        return root;
    }

    @Test
    void nestedKeyCreatesMissingMaps() {
        Map<String, Object> root = apply(new LinkedHashMap<>(), "engine.replay.capture_file=/tmp/x.scap");
        assertEquals(Map.of("engine", Map.of("replay", Map.of("capture_file", "/tmp/x.scap"))), root);
    }

    @Test
    void valueIsSplitAtTheFirstEqualsSignOnly() {
        Map<String, Object> root = apply(new LinkedHashMap<>(), "program_output.program=a=b");
        assertEquals("a=b", ((Map<?, ?>) root.get("program_output")).get("program"));
    }

    @Test
    void optionWithoutEqualsSignFailsWithFalcoMessage() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigOverride.parse("foo"));
        assertEquals("Error parsing config option \"foo\". Must be of the form key=val or key.subkey=val",
                e.getMessage());
    }

    @Test
    void emptyBracketsAppendAMapToANewList() {
        Map<String, Object> root = apply(new LinkedHashMap<>(), "rules[].disable.rule=*", "rules[].enable.tag=net");
        assertEquals(List.of(Map.of("disable", Map.of("rule", "*")), Map.of("enable", Map.of("tag", "net"))),
                root.get("rules"));
    }

    @Test
    void indexAddressesAnExistingListItem() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("plugins", new java.util.ArrayList<>(List.of(new LinkedHashMap<>(Map.of("name", "a")))));
        apply(root, "plugins[0].open_params=x", "load_plugins[0]=json");
        assertEquals(Map.of("name", "a", "open_params", "x"), ((List<?>) root.get("plugins")).get(0));
        assertEquals(List.of("json"), root.get("load_plugins"));
    }

    @Test
    void indexBeyondTheEndFails() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> apply(new LinkedHashMap<>(), "load_plugins[3]=json"));
        assertTrue(e.getMessage().startsWith("Config error at key \"load_plugins[3]\": "), e.getMessage());
    }

    @Test
    void escapedDotStaysInsideTheSegment() {
        Map<String, Object> root = apply(new LinkedHashMap<>(), "static_fields.a\\.b=1", "x.y\\\\z\\[q\\]=2");
        assertEquals(Map.of("a.b", "1"), root.get("static_fields"));
        assertEquals(Map.of("y\\z[q]", "2"), root.get("x"));
    }

    @Test
    void badEscapeOrIndexFailsWithConfigErrorAtKey() {
        assertTrue(assertThrows(ConfigException.class, () -> ConfigOverride.parse("a\\x=1")).getMessage()
                .startsWith("Config error at key \"a\\x\": "));
        assertTrue(assertThrows(ConfigException.class, () -> ConfigOverride.parse("a[x]=1")).getMessage()
                .startsWith("Config error at key \"a[x]\": "));
    }

    @Test
    void braceValueIsAFlowMap() {
        Map<String, Object> root = apply(new LinkedHashMap<>(),
                "append_output[]={\"match\": {\"source\": \"syscall\"}, \"extra_output\": \"on CPU %evt.cpu\"}");
        assertEquals(List.of(Map.of("match", Map.of("source", "syscall"), "extra_output", "on CPU %evt.cpu")),
                root.get("append_output"));
    }

    @Test
    void bracketValueIsAPlainString() {
        Map<String, Object> root = apply(new LinkedHashMap<>(), "rules_files=[a,b]");
        assertEquals("[a,b]", root.get("rules_files"));
    }

    @Test
    void lastOptionWins() {
        Map<String, Object> root = apply(new LinkedHashMap<>(), "priority=error", "priority=notice");
        assertEquals("notice", root.get("priority"));
    }
}
