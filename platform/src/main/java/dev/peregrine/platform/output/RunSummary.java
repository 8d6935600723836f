package dev.peregrine.platform.output;

import dev.peregrine.platform.engine.Priority;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts rule alerts and prints Falco's end-of-run summary ({@code Events detected: N}, counts by severity
 * most severe first, counts by rule in rule load order). Thread-safe: several sources record at once.
 */
public final class RunSummary {

    private final Map<Priority, AtomicLong> bySeverity = new EnumMap<>(Priority.class);
    private final Map<String, AtomicLong> byRule = new LinkedHashMap<>();
    private long total;

    public RunSummary() {
        for (Priority p : Priority.values()) {
            bySeverity.put(p, new AtomicLong());
        }
    }

    /** Counts one rule match (internal messages are not counted). */
    public synchronized void record(String rule, Priority priority) {
        total++;
        bySeverity.get(priority).incrementAndGet();
        byRule.computeIfAbsent(rule, r -> new AtomicLong()).incrementAndGet();
    }

    /** Matches so far. */
    public synchronized long total() {
        return total;
    }

    /** Matches of one rule so far. */
    public synchronized long count(String rule) {
        AtomicLong c = byRule.get(rule);
        return c == null ? 0 : c.get();
    }

    /**
     * Prints the summary.
     *
     * @param ruleLoadOrder rule names in load order; rules that fired but are not listed come last
     */
    public synchronized void print(PrintStream out, List<String> ruleLoadOrder) {
        StringBuilder text = new StringBuilder();
        text.append("Events detected: ").append(total).append('\n');
        text.append("Rule counts by severity:\n");
        for (Map.Entry<Priority, AtomicLong> e : bySeverity.entrySet()) {
            if (e.getValue().get() > 0) {
                text.append("   ").append(e.getKey().shortName()).append(": ").append(e.getValue().get()).append('\n');
            }
        }
        text.append("Triggered rules by rule name:\n");
        Map<String, AtomicLong> remaining = new LinkedHashMap<>(byRule);
        for (String rule : ruleLoadOrder) {
            AtomicLong c = remaining.remove(rule);
            if (c != null && c.get() > 0) {
                text.append("   ").append(rule).append(": ").append(c.get()).append('\n');
            }
        }
        remaining.forEach((rule, c) -> text.append("   ").append(rule).append(": ").append(c.get()).append('\n'));
        out.print(text);
        out.flush();
    }
}
