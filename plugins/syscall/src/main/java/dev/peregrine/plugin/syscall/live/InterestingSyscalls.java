package dev.peregrine.plugin.syscall.live;

import dev.peregrine.plugin.syscall.event.EventInfo;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which syscalls a live driver captures, chosen as Falco's {@code configure_interesting_sets} does: the
 * syscalls the enabled rules can match, plus the state-keeping set (every syscall with an event flagged
 * {@code EF_MODIFIES_STATE}) or the user's {@code base_syscalls.custom_set} instead of it, minus the
 * custom set's {@code !name} entries, minus the high-volume I/O syscalls (read/write/send/recv families)
 * the state does not need unless {@code base_syscalls.all} (or {@code -A}) keeps them. The process
 * lifecycle tracepoints are always on in the probe.
 *
 * <p>Deviation: {@code base_syscalls.repair} adds the whole state set, a superset of the minimal repair
 * libsinsp computes per syscall family.
 */
public final class InterestingSyscalls {

    private static final int EF_MODIFIES_STATE = 1 << 5;
    private static final int CATEGORY_MASK = EventInfo.EC_SYSCALL - 1;
    private static final int EC_IO_READ = 32;
    private static final int EC_IO_WRITE = 33;
    private static final int GENERIC_EXIT = 1;

    /**
     * What the platform asks for.
     *
     * @param ruleEventCodes event codes the enabled syscall rules can match; null when some rule matches
     *                       every event (then every syscall counts as used by the rules)
     * @param customSet      {@code base_syscalls.custom_set}: names, {@code !name} removes
     * @param repair         {@code base_syscalls.repair}
     * @param all            {@code base_syscalls.all} / {@code -A}: keep the I/O syscalls
     */
    public record Request(BitSet ruleEventCodes, List<String> customSet, boolean repair, boolean all) {

        /** No selection asked for: every syscall is captured (tests, hand-written open parameters). */
        public static final Request EVERYTHING = new Request(null, List.of(), false, true);

        public Request {
            ruleEventCodes = ruleEventCodes == null ? null : (BitSet) ruleEventCodes.clone();
            customSet = List.copyOf(customSet);
        }
    }

    /**
     * The outcome.
     *
     * @param names    selected syscall names, sorted
     * @param natives  x86_64 syscall numbers to capture (index = number)
     * @param notes    what Falco logs at debug level about the choice
     * @param warnings what Falco warns about (invalid names, rule syscalls left out)
     */
    public record Selection(Set<String> names, boolean[] natives, List<String> notes, List<String> warnings) {
    }

    private InterestingSyscalls() {
    }

    /** The syscalls to capture for {@code request}. */
    public static Selection select(EventTable table, SyscallEventTypeCatalog catalog, Request request) {
        List<String> universe = new ArrayList<>();
        for (String name : table.syscallNames()) {
            if (!name.equals("unknown")) {
                universe.add(name);
            }
        }
        Set<String> rules = new TreeSet<>();
        Set<String> state = new TreeSet<>();
        Set<String> io = new TreeSet<>();
        for (String name : universe) {
            int[] codes = catalog.codesOf(name);
            boolean dedicated = false;
            for (int code : codes) {
                if (request.ruleEventCodes() == null || request.ruleEventCodes().get(code)) {
                    rules.add(name);
                }
                if (code <= GENERIC_EXIT) {
                    continue;
                }
                dedicated = true;
                EventInfo info = table.info(code);
                if ((info.flags() & EF_MODIFIES_STATE) != 0) {
                    state.add(name);
                }
                int category = info.category() & CATEGORY_MASK;
                if (category == EC_IO_READ || category == EC_IO_WRITE) {
                    io.add(name);
                }
            }
            if (!dedicated && request.ruleEventCodes() == null) {
                rules.add(name);
            }
        }
        List<String> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> positive = new TreeSet<>();
        Set<String> negative = new TreeSet<>();
        Set<String> invalidPositive = new TreeSet<>();
        Set<String> invalidNegative = new TreeSet<>();
        for (String entry : request.customSet()) {
            if (entry.isEmpty()) {
                continue;
            }
            boolean remove = entry.charAt(0) == '!';
            String name = remove ? entry.substring(1) : entry;
            boolean known = universe.contains(name);
            (remove ? (known ? negative : invalidNegative) : (known ? positive : invalidPositive)).add(name);
        }
        if (!invalidPositive.isEmpty()) {
            warnings.add("Invalid (positive) syscall names: warning (base_syscalls override): "
                    + String.join(", ", invalidPositive));
        }
        if (!invalidNegative.isEmpty()) {
            warnings.add("Invalid (negative) syscall names: warning (base_syscalls override): "
                    + String.join(", ", invalidNegative));
        }
        notes.add("(" + rules.size() + ") syscalls in rules: " + String.join(", ", rules));
        Set<String> selected = new TreeSet<>(rules);
        selected.addAll(positive.isEmpty() || request.repair() ? state : positive);
        selected.addAll(positive);
        selected.removeAll(negative);
        if (!request.all()) {
            Set<String> ignored = new TreeSet<>(io);
            ignored.removeAll(state);
            ignored.retainAll(selected);
            if (!ignored.isEmpty()) {
                selected.removeAll(ignored);
                notes.add("-(" + ignored.size() + ") ignored syscalls (-> activate via `-A` flag): "
                        + String.join(", ", ignored));
            }
        }
        Set<String> missing = new LinkedHashSet<>(rules);
        missing.removeAll(selected);
        if (!missing.isEmpty() && request.ruleEventCodes() != null) {
            warnings.add("Loaded rules match syscalls that are not activated (e.g. were removed via config settings"
                    + " such as no -A flag or negative base_syscalls elements) or unsupported with current"
                    + " configuration: warning (unsupported-evttype): " + String.join(", ", missing));
        }
        notes.add("(" + selected.size() + ") syscalls selected in total (final set): " + String.join(", ", selected));
        boolean[] natives = new boolean[512];
        for (int nr = 0; nr < natives.length; nr++) {
            int ppmSc = table.ppmScOfNative(nr);
            natives[nr] = ppmSc > 0 && selected.contains(table.syscallName(ppmSc));
        }
        return new Selection(java.util.Collections.unmodifiableSet(selected), natives, List.copyOf(notes),
                List.copyOf(warnings));
    }
}
