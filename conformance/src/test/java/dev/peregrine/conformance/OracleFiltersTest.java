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
 * Falco never evaluates syscall enter events). A filter whose matches differ must be listed in
 * {@link #KNOWN_DIFFERENCES} with the current-libsinsp behaviour that explains it, and every differing
 * event must be of the event types that behaviour concerns; a listed filter that agrees fails too, so
 * the list stays exact. The test prints a breakdown per filter.
 */
class OracleFiltersTest {

    /**
     * Differences current libsinsp has on purpose: capture/filter id → the event types the differing
     * matches must all be of (empty: any), the reason and the libsinsp source that shows it.
     */
    private static final Map<String, Known> KNOWN_DIFFERENCES = Map.ofEntries(
            Map.entry("cat_write/f03", Known.NUMBERING),
            Map.entry("cat_write/f05", Known.MMAP), Map.entry("cat_write/f07", Known.MMAP),
            Map.entry("cat_write/f08", Known.MMAP), Map.entry("cat_write/f09", Known.MMAP),
            Map.entry("cat_write/f11", Known.MMAP), Map.entry("cat_write/f12", Known.MMAP),
            Map.entry("cat_write/f14", new Known(Set.of("access"), "the converter gives access exits the enter's mode",
                    Known.CONVERTER)),
            Map.entry("connect_localhost/f05", Known.TCP),
            Map.entry("connect_localhost/f18", Known.TCP),
            Map.entry("connect_localhost/f13", new Known(Set.of("socket"),
                    "the converter gives socket exits the enter's domain", Known.CONVERTER)),
            Map.entry("open-multiple-files/f09", Known.NUMBERING),
            Map.entry("open-multiple-files/f17", new Known(Set.of("fstat", "close"),
                    "the converter gives fstat and close exits the enter's fd", Known.CONVERTER)),
            Map.entry("ping_sendto/f03", Known.SENDMSG), Map.entry("ping_sendto/f07", Known.SENDMSG),
            Map.entry("ping_sendto/f08", Known.SENDMSG), Map.entry("ping_sendto/f11", Known.NUMBERING),
            Map.entry("ping_sendto/f12", Known.SENDMSG),
            Map.entry("ping_sendto/f13", Known.SENDMSG), Map.entry("ping_sendto/f14", Known.SENDMSG),
            Map.entry("syscall/f05", Known.NUMBERING));

    /** An accepted difference: every differing match is an event of one of {@code types} (any when empty). */
    private record Known(Set<String> types, String reason, String reference) {

        static final String CONVERTER = "libscap savefile converter (engine/savefile/converter/table.cpp,"
                + " C_ACTION_ADD_PARAMS with C_INSTR_FROM_ENTER)";
        static final Known MMAP = new Known(Set.of("mmap"), "mmap exits use an fd in the current event table",
                "driver/event_table.c PPME_SYSCALL_MMAP_X has EF_USES_FD; parsers.cpp sinsp_parser::reset");
        static final Known TCP = new Known(Set.of("socket"), "socket(AF_INET, SOCK_STREAM, 0) is a tcp socket",
                "parsers.cpp sinsp_parser::add_socket (IPPROTO_IP with SOCK_STREAM is SCAP_L4_TCP)");
        static final Known SENDMSG = new Known(Set.of("sendmsg"),
                "the converter gives sendmsg exits the enter's fd, size and tuple", CONVERTER);
        static final Known NUMBERING = new Known(Set.of(),
                "evt.num counts the events the reader delivers after conversion (sysdig 0.29 numbered enter"
                        + " events too, so the numbers of the same event differ)",
                "libsinsp sinsp::next numbers the converted stream; syscall-state.md section 8");
    }

    private static final Pattern ALERT = Pattern.compile("(f\\d\\d) (\\d+)\\s*$");

    @TempDir
    Path scratch;

    @ParameterizedTest
    @ValueSource(strings = {"cat_write", "connect_localhost", "empty", "open-multiple-files", "ping_sendto", "syscall"})
    void filtersMatchTheSameExitEventsAsSysdig(String capture) throws IOException {
        Path compat = Checkout.compat();
        Path filters = compat.resolve("oracle/filters-" + capture + ".tsv");
        Assumptions.assumeTrue(Files.isRegularFile(filters), "SKIPPED: oracle absent (" + filters + ")");
        Checkout.requireDistribution();

        Map<String, String[]> events = exitEvents(compat.resolve("oracle/" + capture + ".tsv"));
        Map<String, String> conditions = new LinkedHashMap<>();
        Map<String, Set<String>> expected = new TreeMap<>();
        for (String line : Files.readAllLines(filters)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
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
        CaseRunner runner = Checkout.runner();
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
        List<String> breakdown = new ArrayList<>();
        int decisions = 0;
        int agreeing = 0;
        int justified = 0;
        for (String id : conditions.keySet()) {
            Set<String> differing = new TreeSet<>(expected.get(id));
            differing.addAll(got.get(id));
            Set<String> both = new TreeSet<>(expected.get(id));
            both.retainAll(got.get(id));
            differing.removeAll(both);
            decisions += exitTimes.size();
            agreeing += exitTimes.size() - differing.size();
            Known known = KNOWN_DIFFERENCES.get(capture + "/" + id);
            boolean explained = known != null && !differing.isEmpty() && differing.stream()
                    .allMatch(t -> known.types().isEmpty() || known.types().contains(typeAt.get(t)));
            String verdict;
            if (differing.isEmpty()) {
                verdict = "agrees";
                if (known != null) {
                    differences.add(id + " " + conditions.get(id) + ": listed as differing (" + known.reason()
                            + ") but agrees; drop it from KNOWN_DIFFERENCES");
                }
            } else if (explained) {
                justified += differing.size();
                verdict = differing.size() + " events differ, justified: " + known.reason() + " [" + known.reference()
                        + "]";
            } else {
                verdict = differing.size() + " events differ, UNEXPLAINED";
                differences.add(id + " " + conditions.get(id) + ": sysdig " + expected.get(id) + " peregrine "
                        + got.get(id));
            }
            breakdown.add(String.format(java.util.Locale.ROOT, "  %s %-55s sysdig %3d peregrine %3d  %s", id,
                    conditions.get(id), expected.get(id).size(), got.get(id).size(), verdict));
        }
        System.out.printf(java.util.Locale.ROOT, "oracle filters %s: %d filters x %d exit events; match decisions"
                + " agree %d/%d (%.2f%%), raw + justified by current libsinsp %d (%.2f%%)%n", capture,
                conditions.size(), exitTimes.size(), agreeing, decisions, decisions == 0 ? 100.0 : 100.0 * agreeing
                / decisions, agreeing + justified, decisions == 0 ? 100.0 : 100.0 * (agreeing + justified) / decisions);
        breakdown.forEach(System.out::println);
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
