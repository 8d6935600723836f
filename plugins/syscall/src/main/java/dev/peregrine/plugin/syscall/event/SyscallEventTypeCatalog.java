package dev.peregrine.plugin.syscall.event;

import dev.peregrine.api.EventTypeCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code evt.type} names and codes of the syscall source, with libsinsp's semantics.
 *
 * <ul>
 *   <li>A name is known (else {@code unknown event type X}) when it is the name of any event-table
 *       row (including the {@code NA} placeholders and {@code syscall}) or of any {@code PPM_SC_*}
 *       syscall code. Async-event names of plugins are also valid but belong to those plugins.</li>
 *   <li>The codes of a name are the ids (from 2 on, so never the generic pair) of the rows with that
 *       name. A name with no such row that is a syscall name matches the generic events (ids 0 and
 *       1), which carry every syscall without a dedicated event, e.g. {@code evt.type = pread64}.
 *       Known names can therefore have no codes ({@code syscall}).</li>
 *   <li>Rules see exit events and the enter-only events (no used exit partner: procexit,
 *       switch, meta and plugin events); syscall enter events are never evaluated.</li>
 * </ul>
 */
public final class SyscallEventTypeCatalog implements EventTypeCatalog {

    private static final int[] NO_CODES = new int[0];
    private static final int GENERIC_ENTER = 0;
    private static final int GENERIC_EXIT = 1;

    private final EventTable table;
    private final Set<String> names;
    private final Map<String, int[]> codesByName;
    private final boolean[] evaluated;

    public SyscallEventTypeCatalog(EventTable table) {
        this.table = table;
        Map<String, List<Integer>> byName = new HashMap<>();
        Set<String> allNames = new LinkedHashSet<>();
        for (EventInfo info : table.events()) {
            allNames.add(info.name());
            if (info.code() > GENERIC_EXIT) {
                byName.computeIfAbsent(info.name(), n -> new ArrayList<>()).add(info.code());
            }
        }
        Map<String, int[]> codes = new HashMap<>();
        byName.forEach((name, ids) -> codes.put(name, ids.stream().mapToInt(Integer::intValue).toArray()));
        for (String syscall : table.syscallNames()) {
            allNames.add(syscall);
            codes.putIfAbsent(syscall, new int[] {GENERIC_ENTER, GENERIC_EXIT});
        }
        this.names = Set.copyOf(allNames);
        this.codesByName = Map.copyOf(codes);
        this.evaluated = new boolean[table.size()];
        for (EventInfo info : table.events()) {
            evaluated[info.code()] = isSeenByRules(info);
        }
    }

    /** The catalogue of the bundled event table. */
    public static SyscallEventTypeCatalog standard() {
        return new SyscallEventTypeCatalog(EventTable.standard());
    }

    private boolean isSeenByRules(EventInfo info) {
        if (info.isUnused()) {
            return false;
        }
        if (info.direction() == EventDirection.EXIT) {
            return true;
        }
        // Enter-only events (tracepoints, meta and plugin events) have an unused exit partner.
        return table.info(info.code() + 1).isUnused();
    }

    @Override
    public int codeCount() {
        return table.size();
    }

    @Override
    public int[] codesOf(String name) {
        int[] codes = codesByName.get(name);
        return codes == null ? NO_CODES : Arrays.copyOf(codes, codes.length);
    }

    @Override
    public Set<String> names() {
        return names;
    }

    @Override
    public String nameOf(int code) {
        return table.info(code).name();
    }

    @Override
    public boolean isEvaluated(int code) {
        return code >= 0 && code < evaluated.length && evaluated[code];
    }
}
