package dev.peregrine.plugin.syscall.event;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * libscap's scap-file upgrade table: for an event type and the number of parameters it was stored with,
 * what to do to bring it to the current layout. Read from {@code conversion-table.tsv}, generated from
 * {@code event-table.json} by {@code src/build/generate_tables.py}.
 */
public final class ConversionTable {

    private static final String RESOURCE = "conversion-table.tsv";

    /** What a rule does with the event it matches. */
    public enum Action {
        /** Remember the event for its thread and drop it. */
        STORE,
        /** Remember the event for its thread and deliver it unchanged. */
        STORE_AND_PASS,
        /** Deliver unchanged. */
        PASS,
        /** Keep type and parameters, append one parameter per instruction. */
        ADD_PARAMS,
        /** Build an event of the desired type whose parameters are exactly the instructions. */
        CHANGE_TYPE
    }

    /** Where one produced parameter comes from. */
    public enum Source {
        /** Parameter {@code param} of the event being converted. */
        OLD,
        /** Parameter {@code param} of the stored enter event of the same thread. */
        ENTER,
        /** A zero-length parameter. */
        EMPTY,
        /** The type's default value. */
        DEFAULT,
        /** Computed by a named callback. */
        CALLBACK
    }

    /**
     * One produced parameter.
     *
     * @param fallbackToEmpty with {@link Source#ENTER}: push an empty parameter (not the default) when no
     *                        enter event is stored
     * @param callback        the callback name for {@link Source#CALLBACK}, else null
     */
    public record Instruction(Source source, int param, boolean fallbackToEmpty, String callback) {
        public Instruction {
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * One rule.
     *
     * @param desiredType the new type of {@link Action#CHANGE_TYPE}, else -1
     */
    public record Rule(int type, int paramCount, Action action, int desiredType, List<Instruction> instructions) {
        public Rule {
            Objects.requireNonNull(action, "action");
            instructions = List.copyOf(instructions);
        }
    }

    private static final class Standard {
        static final ConversionTable TABLE = load();
    }

    private final Map<Long, Rule> rules;
    /** The same rules by type, then by stored parameter count: the per-event lookup boxes nothing. */
    private final Rule[][] byType;

    private ConversionTable(Map<Long, Rule> rules) {
        this.rules = Map.copyOf(rules);
        int types = 0;
        for (Rule rule : this.rules.values()) {
            types = Math.max(types, rule.type() + 1);
        }
        this.byType = new Rule[types][];
        for (Rule rule : this.rules.values()) {
            Rule[] counts = byType[rule.type()];
            if (counts == null || counts.length <= rule.paramCount()) {
                counts = counts == null ? new Rule[rule.paramCount() + 1]
                        : java.util.Arrays.copyOf(counts, rule.paramCount() + 1);
                byType[rule.type()] = counts;
            }
            counts[rule.paramCount()] = rule;
        }
    }

    /** The table bundled with this plugin, loaded once. */
    public static ConversionTable standard() {
        return Standard.TABLE;
    }

    /** The rule for an event of {@code type} stored with {@code paramCount} parameters, or null. */
    public Rule rule(int type, int paramCount) {
        if (type < 0 || type >= byType.length) {
            return null;
        }
        Rule[] counts = byType[type];
        return counts == null || paramCount < 0 || paramCount >= counts.length ? null : counts[paramCount];
    }

    /** Number of rules. */
    public int size() {
        return rules.size();
    }

    private static long key(int type, int paramCount) {
        return ((long) type << 32) | (paramCount & 0xFFFF_FFFFL);
    }

    private static ConversionTable load() {
        Map<Long, Rule> rules = new HashMap<>();
        for (String[] cells : TsvResource.rows(ConversionTable.class, RESOURCE, 5)) {
            Rule rule = new Rule(Integer.parseInt(cells[0]), Integer.parseInt(cells[1]), Action.valueOf(cells[2]),
                    cells[3].equals("-") ? -1 : Integer.parseInt(cells[3]), instructions(cells[4]));
            if (rules.put(key(rule.type(), rule.paramCount()), rule) != null) {
                throw new IllegalStateException(RESOURCE + ": two rules for " + cells[0] + "/" + cells[1]);
            }
        }
        return new ConversionTable(rules);
    }

    private static List<Instruction> instructions(String text) {
        List<Instruction> instructions = new ArrayList<>();
        if (text.equals("-")) {
            return instructions;
        }
        for (String item : text.split(",")) {
            String[] parts = item.split(":");
            boolean fallback = parts.length > 2 && parts[2].equals("FALLBACK_TO_EMPTY");
            String callback = parts.length > 3 ? parts[3] : null;
            instructions.add(new Instruction(Source.valueOf(parts[0]), Integer.parseInt(parts[1]), fallback, callback));
        }
        return instructions;
    }
}
