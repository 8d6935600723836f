package dev.peregrine.platform.engine;

import dev.peregrine.api.Event;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;

/**
 * The compiled rules of a successful load plus the run-time selection (enable/disable by name or
 * tag, minimum priority, first/all matching) and the event-type index used to pick the rules an
 * event can meet. Compiled filters keep scratch state, so one source's rules must be evaluated by
 * one thread at a time; different sources (each with its own event loop thread) may match
 * concurrently, since a rule belongs to exactly one source. Selection changes happen before events
 * flow. A partitioned source evaluates its rules on several threads at once: each further thread takes
 * its own {@link #forWorker} copy.
 */
public final class Ruleset {

    private final List<CompiledRule> rules;
    private final Map<String, Integer> codeCounts;
    private final Map<String, int[]> asyncCodes;
    private final WorkerCompiler workerCompiler;
    /** Enabled rules in enabling order: load order first, re-enabled rules move to the end. */
    private final SequencedSet<CompiledRule> enabledOrder = new LinkedHashSet<>();
    private Priority minimumPriority = Priority.DEBUG;
    private RuleMatching matching = RuleMatching.FIRST;
    private volatile Map<String, Index> index;
    /** Written racily by the event loops; a stale or missing pair only costs a map probe. */
    private LastLookup lastLookup;

    /**
     * @param rules      rules in first-definition order
     * @param codeCounts number of event codes of each syscall-like source (sources absent here
     *                   run every rule on every event)
     */
    public Ruleset(List<CompiledRule> rules, Map<String, Integer> codeCounts) {
        this(rules, codeCounts, Map.of());
    }

    /**
     * @param asyncCodes per syscall-like source, the codes of asynchronous meta events: every
     *                   rule of the source is indexed under them too, since their {@code evt.type}
     *                   is a name carried in the event
     */
    public Ruleset(List<CompiledRule> rules, Map<String, Integer> codeCounts, Map<String, int[]> asyncCodes) {
        this(rules, codeCounts, asyncCodes, null);
    }

    /**
     * @param workerCompiler compiles a source's rules again for another thread ({@link #forWorker}); null
     *                       when the rules cannot be compiled again (then {@code forWorker} fails)
     */
    public Ruleset(List<CompiledRule> rules, Map<String, Integer> codeCounts, Map<String, int[]> asyncCodes,
                   WorkerCompiler workerCompiler) {
        this.workerCompiler = workerCompiler;
        this.rules = List.copyOf(rules);
        this.codeCounts = Map.copyOf(codeCounts);
        this.asyncCodes = Map.copyOf(asyncCodes);
        for (CompiledRule r : this.rules) {
            if (r.enabled()) {
                enabledOrder.add(r);
            }
        }
    }

    /** Compiles rules again so that another thread can evaluate them concurrently with the originals. */
    @FunctionalInterface
    public interface WorkerCompiler {
        /**
         * Copies of {@code rules}, in the same order, whose rules of {@code source} share no evaluation
         * state with the originals.
         */
        List<CompiledRule> compile(List<CompiledRule> rules, String source);
    }

    /**
     * A ruleset for one more thread evaluating {@code source} concurrently with this one (a partition
     * worker): the same rules and selection (enabled set and order, minimum priority, matching), with the
     * source's conditions and outputs compiled again. Call before events flow.
     *
     * @throws IllegalStateException when this ruleset was built without a worker compiler
     */
    public Ruleset forWorker(String source) {
        if (workerCompiler == null) {
            throw new IllegalStateException("these rules cannot be compiled again for another worker");
        }
        List<CompiledRule> copies = workerCompiler.compile(rules, source);
        if (copies.size() != rules.size()) {
            throw new IllegalStateException("the worker compiler returned " + copies.size() + " rules for "
                    + rules.size());
        }
        Ruleset copy = new Ruleset(copies, codeCounts, asyncCodes, workerCompiler);
        Map<CompiledRule, CompiledRule> byOriginal = new IdentityHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            byOriginal.put(rules.get(i), copies.get(i));
        }
        copy.enabledOrder.clear();
        for (CompiledRule r : enabledOrder) {
            copy.enabledOrder.add(byOriginal.get(r));
        }
        copy.minimumPriority = minimumPriority;
        copy.matching = matching;
        return copy;
    }

    /** Every compiled rule, in first-definition order. */
    public List<CompiledRule> rules() {
        return rules;
    }

    /** True when the rule is enabled by the files and the selection so far (priority aside). */
    public boolean isEnabled(CompiledRule rule) {
        return enabledOrder.contains(rule);
    }

    /** Enables or disables the rules whose name matches {@code pattern} ({@code *} = any text). */
    public void enableByName(String pattern, boolean enabled) {
        NamePattern matcher = new NamePattern(pattern);
        for (CompiledRule r : rules) {
            if (matcher.matches(r.name())) {
                setEnabled(r, enabled);
            }
        }
    }

    /** Enables or disables the rules that have {@code tag}. */
    public void enableByTag(String tag, boolean enabled) {
        for (CompiledRule r : rules) {
            if (r.tags().contains(tag)) {
                setEnabled(r, enabled);
            }
        }
    }

    /** Only rules at least this severe run (default {@code debug}: all). */
    public void setMinimumPriority(Priority minimum) {
        this.minimumPriority = minimum;
        index = null;
    }

    public void setMatching(RuleMatching matching) {
        this.matching = matching;
    }

    private void setEnabled(CompiledRule rule, boolean enabled) {
        if (enabled) {
            // a (re-)enabled rule runs after the others, as Falco appends it to its enabled list
            enabledOrder.remove(rule);
            enabledOrder.addLast(rule);
        } else {
            enabledOrder.remove(rule);
        }
        index = null;
    }

    /** Rules of {@code source} matching {@code event}: the first, or all in order. */
    public List<CompiledRule> match(String source, Event event) {
        List<CompiledRule> out = new ArrayList<>(1);
        forEachMatch(source, event, (s, rule, e) -> out.add(rule));
        return out;
    }

    /**
     * Calls {@code sink} for each matching rule (just the first with {@link RuleMatching#FIRST});
     * allocates nothing per event once the index is built.
     *
     * @return number of matches
     */
    public int forEachMatch(String source, Event event, MatchSink sink) {
        Index idx = indexOf(source);
        if (idx == null) {
            return 0;
        }
        CompiledRule[] candidates = idx.candidates(event.type());
        int matches = 0;
        for (CompiledRule rule : candidates) {
            if (rule.filter().matches(event)) {
                sink.onMatch(source, rule, event);
                matches++;
                if (matching == RuleMatching.FIRST) {
                    break;
                }
            }
        }
        return matches;
    }

    /** Enabled rules of a source in run order, for listings and tests. */
    public List<CompiledRule> runOrder(String source) {
        List<CompiledRule> out = new ArrayList<>();
        for (CompiledRule r : enabledOrder) {
            if (r.source().equals(source) && r.priority().atLeast(minimumPriority)) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * The index of {@code source}. An event loop passes the same source string for every event, so one
     * lookup is kept (an immutable pair, safe to share between loops) to skip the map probe.
     */
    private Index indexOf(String source) {
        Map<String, Index> current = index();
        LastLookup last = lastLookup;
        if (last != null && last.source == source && last.map == current) {
            return last.index;
        }
        Index found = current.get(source);
        if (last == null || last.map != current) {
            // the first source to look up after a rebuild keeps the pair; with several sources the
            // others probe the map, rather than every loop replacing the pair on every event
            lastLookup = new LastLookup(source, current, found);
        }
        return found;
    }

    /** A source's index as found in one version of the index map. */
    private record LastLookup(String source, Map<String, Index> map, Index index) {
    }

    private Map<String, Index> index() {
        Map<String, Index> current = index;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (index == null) {
                index = buildIndex();
            }
            return index;
        }
    }

    private Map<String, Index> buildIndex() {
        Map<String, List<CompiledRule>> bySource = new HashMap<>();
        for (CompiledRule r : enabledOrder) {
            if (r.priority().atLeast(minimumPriority)) {
                bySource.computeIfAbsent(r.source(), s -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Index> built = new HashMap<>();
        bySource.forEach((source, list) -> built.put(source, new Index(list, codeCounts.get(source),
                asyncCodes.getOrDefault(source, new int[0]))));
        return Map.copyOf(built);
    }

    /** Per source: rules by event code (syscall-like sources) or one list for every event. */
    private static final class Index {
        private static final CompiledRule[] NONE = new CompiledRule[0];
        private final CompiledRule[][] byCode;
        private final CompiledRule[] all;

        Index(List<CompiledRule> rules, Integer codeCount, int[] asyncCodes) {
            all = rules.toArray(NONE);
            if (codeCount == null) {
                byCode = null;
                return;
            }
            byCode = new CompiledRule[codeCount][];
            BitSet asyncSet = new BitSet();
            for (int c : asyncCodes) {
                asyncSet.set(c);
            }
            for (int code = 0; code < codeCount; code++) {
                List<CompiledRule> list = new ArrayList<>();
                boolean async = asyncSet.get(code);
                for (CompiledRule r : rules) {
                    BitSet codes = r.eventCodes();
                    if (codes == null || async || codes.get(code)) {
                        list.add(r);
                    }
                }
                byCode[code] = list.isEmpty() ? NONE : list.toArray(NONE);
            }
        }

        CompiledRule[] candidates(int code) {
            if (byCode == null) {
                return all;
            }
            return code >= 0 && code < byCode.length ? byCode[code] : NONE;
        }
    }

    /** A rule-name pattern where {@code *} matches any text and everything else is literal. */
    private static final class NamePattern {
        private final String[] pieces;

        NamePattern(String pattern) {
            pieces = pattern.split("\\*", -1);
        }

        boolean matches(String name) {
            if (pieces.length == 1) {
                return name.equals(pieces[0]);
            }
            if (!name.startsWith(pieces[0])) {
                return false;
            }
            int at = pieces[0].length();
            for (int i = 1; i < pieces.length - 1; i++) {
                int found = name.indexOf(pieces[i], at);
                if (found < 0) {
                    return false;
                }
                at = found + pieces[i].length();
            }
            String last = pieces[pieces.length - 1];
            return name.length() - at >= last.length() && name.endsWith(last);
        }
    }
}
