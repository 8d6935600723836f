package dev.peregrine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a run against a case's {@code expect} block; collects every mismatch, not just the first. */
final class Expectations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUMMARY_RULE = Pattern.compile("^   (.+): (\\d+)$");

    private final Path compatDir;
    private final Path workDir;
    private final List<String> failures = new ArrayList<>();

    Expectations(Path compatDir, Path workDir) {
        this.compatDir = compatDir;
        this.workDir = workDir;
    }

    List<String> check(ConformanceCase c, Run run) {
        Map<String, Object> expect = c.expect();
        Object exit = expect.get("exit_code");
        if (exit != null && ((Number) exit).intValue() != run.exitCode()) {
            failures.add("exit code " + run.exitCode() + ", expected " + exit);
        }
        regexes(expect, "stdout_regex", run.stdout(), true);
        regexes(expect, "stderr_regex", run.stderr(), true);
        regexes(expect, "stdout_not_regex", run.stdout(), false);
        regexes(expect, "stderr_not_regex", run.stderr(), false);
        if (c.kind().equals("validate")) {
            validation(expect, run);
        }
        if (c.kind().equals("detect")) {
            detections(expect, run);
        }
        return failures;
    }

    private void regexes(Map<String, Object> expect, String key, String stream, boolean mustMatch) {
        for (Object pattern : list(expect.get(key))) {
            boolean found = Pattern.compile(pattern.toString(), Pattern.DOTALL).matcher(stream).find();
            if (found != mustMatch) {
                failures.add(key + ": /" + pattern + "/ " + (mustMatch ? "did not match" : "matched"));
            }
        }
    }

    private void validation(Map<String, Object> expect, Run run) {
        JsonNode results = loadResults(run.stdout());
        if (results == null) {
            failures.add("no falco_load_results JSON line on stdout");
            return;
        }
        for (Object file : list(expect.get("files_ok"))) {
            JsonNode result = resultFor(results, file.toString());
            if (result == null) {
                failures.add("files_ok: no result for " + file);
            } else if (!result.path("successful").asBoolean(false)) {
                failures.add("files_ok: " + file + " was not successful: " + result);
            }
        }
        List<JsonNode> errors = new ArrayList<>();
        List<JsonNode> warnings = new ArrayList<>();
        results.forEach(r -> {
            r.path("errors").forEach(errors::add);
            r.path("warnings").forEach(warnings::add);
        });
        Object errorCount = expect.get("error_count");
        if (errorCount != null && ((Number) errorCount).intValue() != errors.size()) {
            failures.add("error_count " + errors.size() + ", expected " + errorCount);
        }
        matchMessages("error", list(expect.get("errors")), errors);
        matchMessages("warning", list(expect.get("warnings")), warnings);
    }

    private void matchMessages(String what, List<Object> expected, List<JsonNode> actual) {
        for (Object e : expected) {
            Map<?, ?> want = (Map<?, ?>) e;
            boolean found = actual.stream().anyMatch(a -> messageMatches(want, a));
            if (!found) {
                failures.add(what + " not reported: " + want + "\n  reported: " + actual);
            }
        }
    }

    private static boolean messageMatches(Map<?, ?> want, JsonNode actual) {
        if (!Objects.equals(want.get("code"), actual.path("code").asText())) {
            return false;
        }
        String message = actual.path("message").asText();
        if (want.containsKey("message") && !want.get("message").equals(message)) {
            return false;
        }
        if (want.containsKey("message_contains") && !message.contains(want.get("message_contains").toString())) {
            return false;
        }
        String itemType = String.valueOf(want.get("item_type"));
        String itemName = want.get("item_name") == null ? "" : want.get("item_name").toString();
        for (JsonNode location : actual.path("context").path("locations")) {
            if (location.path("item_type").asText().equals(itemType)
                    && location.path("item_name").asText().equals(itemName)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode loadResults(String stdout) {
        for (String line : stdout.split("\n")) {
            if (line.startsWith("{\"falco_load_results\"")) {
                try {
                    return JSON.readTree(line).path("falco_load_results");
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private JsonNode resultFor(JsonNode results, String file) {
        String absolute = compatDir.resolve(file).toString();
        for (JsonNode r : results) {
            String name = r.path("name").asText();
            if (name.equals(absolute) || name.equals(file) || name.endsWith("/" + Path.of(file).getFileName())) {
                return r;
            }
        }
        return null;
    }

    private void detections(Map<String, Object> expect, Run run) {
        Map<String, Long> byRule = summarySection(run.stdout(), "Triggered rules by rule name:");
        Map<String, Long> byPriority = summarySection(run.stdout(), "Rule counts by severity:");
        long total = byRule.values().stream().mapToLong(Long::longValue).sum();
        Object detect = expect.get("detect");
        if (Boolean.TRUE.equals(detect) && total == 0) {
            failures.add("expected alerts, saw none");
        }
        if (Boolean.FALSE.equals(detect) && total != 0) {
            failures.add("expected no alert, saw " + byRule);
        }
        for (Object priority : list(expect.get("priorities"))) {
            String wanted = shortPriority(priority.toString());
            if (byPriority.getOrDefault(wanted, 0L) == 0) {
                failures.add("no alert of priority " + priority + " (seen " + byPriority + ")");
            }
        }
        Object counts = expect.get("counts");
        if (counts instanceof Map<?, ?> map) {
            map.forEach((rule, count) -> {
                long seen = byRule.getOrDefault(rule.toString(), 0L);
                if (seen != ((Number) count).longValue()) {
                    failures.add("rule '" + rule + "' fired " + seen + " times, expected " + count);
                }
            });
        }
        Object inOrder = expect.get("stdout_lines_in_order");
        if (inOrder != null) {
            linesInOrder(compatDir.resolve(inOrder.toString()), run.stdout());
        }
        Object jsonLines = expect.get("stdout_json_lines");
        if (jsonLines != null) {
            jsonLinesEqual(compatDir.resolve(jsonLines.toString()), run.stdout());
        }
        Object outputFile = expect.get("output_file_lines");
        if (outputFile instanceof Map<?, ?> spec) {
            outputFileLines(spec);
        }
    }

    private static String shortPriority(String priority) {
        String upper = priority.toUpperCase(Locale.ROOT);
        return upper.equals("INFORMATIONAL") ? "INFO" : upper;
    }

    /** Reads an end-of-run summary section: lines of three spaces, a name, a colon and a count. */
    private static Map<String, Long> summarySection(String stdout, String header) {
        Map<String, Long> counts = new LinkedHashMap<>();
        String[] lines = stdout.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].equals(header)) {
                continue;
            }
            for (int j = i + 1; j < lines.length; j++) {
                Matcher m = SUMMARY_RULE.matcher(lines[j]);
                if (!m.matches()) {
                    break;
                }
                counts.merge(header.startsWith("Rule counts") ? m.group(1).toUpperCase(Locale.ROOT) : m.group(1),
                        Long.parseLong(m.group(2)), Long::sum);
            }
        }
        return counts;
    }

    private void linesInOrder(Path expectedFile, String stdout) {
        List<String> expected = readLines(expectedFile);
        String[] actual = stdout.split("\n");
        int at = 0;
        for (String line : expected) {
            while (at < actual.length && !actual[at].equals(line)) {
                at++;
            }
            if (at == actual.length) {
                failures.add("stdout lacks, in order, the line: " + line);
                return;
            }
            at++;
        }
    }

    private void jsonLinesEqual(Path expectedFile, String stdout) {
        List<String> expected = readLines(expectedFile);
        String[] actual = stdout.split("\n");
        for (int i = 0; i < expected.size(); i++) {
            try {
                if (i >= actual.length || !JSON.readTree(expected.get(i)).equals(JSON.readTree(actual[i]))) {
                    failures.add("stdout JSON line " + (i + 1) + " differs: expected " + expected.get(i)
                            + (i < actual.length ? "\n  actual   " + actual[i] : " (missing)"));
                    return;
                }
            } catch (IOException e) {
                failures.add("stdout line " + (i + 1) + " is not JSON: " + (i < actual.length ? actual[i] : ""));
                return;
            }
        }
    }

    private void outputFileLines(Map<?, ?> spec) {
        Path file = Path.of(spec.get("file").toString().replace("${WORKDIR}", workDir.toString()));
        if (!Files.exists(file)) {
            failures.add("output file " + file + " was not written");
            return;
        }
        List<String> expected = readLines(compatDir.resolve(spec.get("expected").toString()));
        List<String> actual = readLines(file);
        if (!expected.equals(actual)) {
            failures.add("output file " + file + " holds\n" + actual + "\nexpected\n" + expected);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        return List.of(value);
    }
}
