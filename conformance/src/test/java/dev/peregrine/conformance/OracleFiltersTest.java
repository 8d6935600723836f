package dev.peregrine.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * sysdig 0.29's filter matches ({@code compat/oracle/filters-<capture>.tsv}) against {@code ./peregrine}
 * replaying the same capture: every filter becomes one rule, all rules are evaluated on every event, and
 * each alert names its filter and event timestamp. Matches are compared on exit events only (current
 * Falco never evaluates syscall enter events); filters on {@code evt.num} are left out because sysdig
 * numbered enter events too. Differences that current libsinsp has on purpose are listed with their
 * reason in {@link #KNOWN_DIFFERENCES}.
 */
class OracleFiltersTest {

    /**
     * Differences current libsinsp has on purpose: capture/filter id → the event type the differing
     * matches must all be of, and why.
     */
    private static final Map<String, Known> KNOWN_DIFFERENCES = Map.ofEntries(
            Map.entry("cat_write/f05", Known.MMAP), Map.entry("cat_write/f07", Known.MMAP),
            Map.entry("cat_write/f08", Known.MMAP), Map.entry("cat_write/f09", Known.MMAP),
            Map.entry("cat_write/f11", Known.MMAP), Map.entry("cat_write/f12", Known.MMAP),
            Map.entry("cat_write/f14", new Known("access", "the converter gives access exits the enter's mode")),
            Map.entry("connect_localhost/f05", Known.TCP),
            Map.entry("connect_localhost/f18", Known.TCP),
            Map.entry("connect_localhost/f13", new Known("socket", "the converter gives socket exits the enter's domain")),
            Map.entry("ping_sendto/f03", Known.SENDMSG), Map.entry("ping_sendto/f07", Known.SENDMSG),
            Map.entry("ping_sendto/f08", Known.SENDMSG), Map.entry("ping_sendto/f12", Known.SENDMSG),
            Map.entry("ping_sendto/f13", Known.SENDMSG), Map.entry("ping_sendto/f14", Known.SENDMSG),
            Map.entry("ping_sendto/f15", new Known("sendmsg", "a send with a tuple on an unknown fd creates a socket")),
            Map.entry("open-multiple-files/f17", new Known(Set.of("fstat", "close"),
                    "the converter gives fstat and close exits the enter's fd")));

    /** An accepted difference: every differing match is an event of one of {@code types}. */
    private record Known(Set<String> types, String reason) {
        Known(String type, String reason) {
            this(Set.of(type), reason);
        }

        static final Known MMAP = new Known("mmap", "mmap exits use an fd in the current event table");
        static final Known TCP = new Known("socket", "socket(AF_INET, SOCK_STREAM, 0) is a tcp socket");
        static final Known SENDMSG = new Known("sendmsg", "the converter gives sendmsg exits the enter's size and tuple");
    }

    private static final Pattern ALERT = Pattern.compile("(f\\d\\d) (\\d+)\\s*$");

    @TempDir
    Path scratch;

    @ParameterizedTest
    @ValueSource(strings = {"cat_write", "connect_localhost", "empty", "open-multiple-files", "ping_sendto", "syscall"})
    void filtersMatchTheSameExitEventsAsSysdig(String capture) throws IOException {
        Path root = Path.of(System.getProperty("peregrine.root", "..")).toAbsolutePath().normalize();
        Path shared = Path.of(System.getProperty("peregrine.shared", root.resolve("../shared").toString()))
                .toAbsolutePath().normalize();
        Path compat = shared.resolve("compat");
        Path filters = compat.resolve("oracle/filters-" + capture + ".tsv");
        Assumptions.assumeTrue(Files.isRegularFile(filters), "SKIPPED: oracle absent (" + filters + ")");
        Path dist = root.resolve("distribution/target/peregrine");
        Assumptions.assumeTrue(Files.isDirectory(dist.resolve("lib")), "SKIPPED: the distribution is not built");

        Map<String, String[]> events = exitEvents(compat.resolve("oracle/" + capture + ".tsv"));
        Map<String, String> conditions = new LinkedHashMap<>();
        Map<String, Set<String>> expected = new TreeMap<>();
        for (String line : Files.readAllLines(filters)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells[1].contains("evt.num")) {
                continue;
            }
            conditions.put(cells[0], cells[1]);
            Set<String> matches = new TreeSet<>();
            for (String number : cells[3].split(" ")) {
                String[] event = events.get(number);
                if (event != null) {
                    matches.add(event[0]);
                }
            }
            expected.put(cells[0], matches);
        }
        Path rules = scratch.resolve(capture + "-filters.yaml");
        StringBuilder yaml = new StringBuilder();
        conditions.forEach((id, condition) -> yaml.append("- rule: ").append(id).append('\n')
                .append("  desc: oracle filter ").append(id).append('\n')
                .append("  condition: '").append(condition.replace("'", "''")).append("'\n")
                .append("  output: '").append(id).append(" %evt.rawtime'\n")
                .append("  priority: INFO\n")
                .append("  warn_evttypes: false\n"));
        Files.writeString(rules, yaml);

        Map<String, Object> inputs = new HashMap<>();
        inputs.put("rules_files", List.of(rules.toString()));
        inputs.put("trace_file", "legacy/trace_files/" + capture + ".scap");
        inputs.put("all_events", true);
        inputs.put("options", Map.of("rule_matching", "all", "log_level", "error"));
        ConformanceCase c = new ConformanceCase("oracle_filters_" + capture, "detect", "syscall", inputs, Map.of());
        CaseRunner runner = new CaseRunner(root.resolve("peregrine"), compat, dist.resolve("plugins"),
                root.resolve("platform/target/test-plugins"));
        Run run = runner.run(c, scratch);
        assertEquals(0, run.exitCode(), run.describe());

        Map<String, Set<String>> got = new TreeMap<>();
        conditions.keySet().forEach(id -> got.put(id, new TreeSet<>()));
        Set<String> exitTimes = new TreeSet<>();
        Map<String, String> typeAt = new HashMap<>();
        events.values().forEach(e -> {
            exitTimes.add(e[0]);
            typeAt.put(e[0], e[1]);
        });
        for (String line : run.stdout().split("\n")) {
            Matcher m = ALERT.matcher(line);
            // only events sysdig shows as exits: procinfo, procexit and switch are enter-only events
            if (m.find() && exitTimes.contains(m.group(2))) {
                got.get(m.group(1)).add(m.group(2));
            }
        }
        List<String> differences = new ArrayList<>();
        for (String id : conditions.keySet()) {
            Set<String> differing = new TreeSet<>(expected.get(id));
            differing.addAll(got.get(id));
            Set<String> both = new TreeSet<>(expected.get(id));
            both.retainAll(got.get(id));
            differing.removeAll(both);
            Known known = KNOWN_DIFFERENCES.get(capture + "/" + id);
            boolean explained = known != null && !differing.isEmpty()
                    && differing.stream().allMatch(t -> known.types().contains(typeAt.get(t)));
            if (!differing.isEmpty() && !explained) {
                differences.add(id + " " + conditions.get(id) + ": sysdig " + expected.get(id) + " peregrine " + got.get(id));
            }
        }
        System.out.println("oracle filters " + capture + ": " + (conditions.size() - differences.size()) + "/"
                + conditions.size() + " agree on exit events or differ for a listed reason");
        differences.forEach(System.out::println);
        assertTrue(differences.isEmpty(), String.join("\n", differences));
    }

    /** evt.num → {rawtime, type} of the exit events of an oracle field dump. */
    private static Map<String, String[]> exitEvents(Path dump) throws IOException {
        Map<String, String[]> events = new HashMap<>();
        for (String line : Files.readAllLines(dump)) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length > 3 && cells[3].equals("<")) {
                events.put(cells[0], new String[] {cells[1], cells[2]});
            }
        }
        return events;
    }
}
