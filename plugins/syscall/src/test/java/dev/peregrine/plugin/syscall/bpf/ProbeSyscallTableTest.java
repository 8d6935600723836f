package dev.peregrine.plugin.syscall.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peregrine.plugin.syscall.SharedSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The probe's generated recipe table agrees with the shared event table (ids, parameter counts)
 * and gives every syscall the upstream rules name its own event instead of the generic one.
 */
class ProbeSyscallTableTest {

    private static final int EC_SYSCALL = 512;
    private static final Pattern DEFINE = Pattern.compile("#define (PPME_\\w+) (\\d+)");
    private static final Pattern RECIPE = Pattern.compile("\\[(\\d+)] = \\{(PPME_\\w+), (\\d+), (H_\\w+), (\\d+)(.*)}, /\\* (\\w+) \\*/");
    private static final Pattern EVT_TYPE = Pattern.compile("evt\\.type\\s*(?:=|!=|in)\\s*\\(?([a-z0-9_,\\s]+)\\)?");

    private static String header() throws IOException {
        Path path = Path.of("src/main/bpf/peregrine_syscall_table.h");
        assumeTrue(Files.exists(path), "probe sources not found from " + Path.of("").toAbsolutePath()
                + "; skipping the recipe table checks");
        return Files.readString(path);
    }

    private static Map<String, JsonNode> eventsByEnum() throws IOException {
        JsonNode table = new ObjectMapper().readTree(SharedSpecs.require("spec/event-table.json").toFile());
        Map<String, JsonNode> byEnum = new HashMap<>();
        table.get("events").forEach(e -> byEnum.put(e.get("enum").asText(), e));
        return byEnum;
    }

    @Test
    void eventIdsInTheHeaderAreThoseOfTheEventTable() throws IOException {
        Map<String, JsonNode> events = eventsByEnum();
        Matcher m = DEFINE.matcher(header());
        int seen = 0;
        while (m.find()) {
            JsonNode event = events.get(m.group(1));
            assertTrue(event != null, m.group(1) + " is not in event-table.json");
            assertEquals(event.get("id").asInt(), Integer.parseInt(m.group(2)), m.group(1));
            assertTrue(!event.get("old_version").asBoolean(), m.group(1) + " is an old event version");
            seen++;
        }
        assertTrue(seen > 100, "expected the header to define the ids it uses, found " + seen);
    }

    @Test
    void everyRecipeHasOneEntryPerParameterOfItsEvent() throws IOException {
        Map<String, JsonNode> events = eventsByEnum();
        Matcher m = RECIPE.matcher(header());
        int recipes = 0;
        while (m.find()) {
            JsonNode event = events.get(m.group(2));
            int nparams = Integer.parseInt(m.group(3));
            assertEquals(event.get("nparams").asInt(), nparams, m.group(7) + " (" + m.group(2) + ")");
            if (m.group(4).equals("H_TABLE")) {
                int entries = m.group(6).split("\\{K_", -1).length - 1;
                assertEquals(nparams, entries, "recipe entries of " + m.group(7));
                recipes++;
            }
        }
        assertTrue(recipes > 100, "expected more than 100 table-driven syscalls, found " + recipes);
    }

    @Test
    void everySyscallTheUpstreamRulesNameHasItsOwnEvent() throws IOException {
        Set<String> eventNames = new TreeSet<>();
        // Syscall events only: the rules also test meta events such as "container".
        eventsByEnum().values().stream().filter(e -> (e.get("category").asInt() & EC_SYSCALL) != 0)
                .forEach(e -> eventNames.add(e.get("name").asText()));
        Set<String> named = new TreeSet<>();
        for (String file : List.of("falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml")) {
            Matcher m = EVT_TYPE.matcher(Files.readString(SharedSpecs.require("compat/upstream-rules/" + file)));
            while (m.find()) {
                for (String token : m.group(1).split("[,\\s]+")) {
                    if (eventNames.contains(token)) {
                        named.add(token);
                    }
                }
            }
        }
        assertTrue(named.size() > 30, "expected the rules to name many syscalls: " + named);
        Set<String> dedicated = new TreeSet<>();
        Matcher m = RECIPE.matcher(header());
        while (m.find()) {
            if (!m.group(4).equals("H_GENERIC")) {
                dedicated.add(m.group(7));
            }
        }
        named.removeAll(dedicated);
        assertEquals(Set.of(), named, "syscalls named by the rules but emitted as generic events");
    }
}
