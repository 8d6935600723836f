package dev.peregrine.platform.engine;

import static dev.peregrine.platform.rules.testing.Fixture.assertOk;
import static dev.peregrine.platform.rules.testing.Fixture.loader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.platform.rules.testing.TestEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Matching order, first/all, selection by name/tag/priority and the event-type index (§4.2, checklist 40). */
class RulesetTest {

    private Ruleset ruleset;

    private static String rule(String name, String condition, String priority, String tags) {
        return "- rule: " + name + "\n  desc: d\n  condition: " + condition + "\n  output: o\n  priority: "
                + priority + "\n  tags: " + tags + "\n";
    }

    @BeforeEach
    void load() {
        RulesLoader l = loader();
        assertOk(l.load("r.yaml", rule("first [x]", "evt.type=open", "WARNING", "[a]")
                + rule("second", "evt.type in (open, close)", "DEBUG", "[a, b]")
                + rule("third", "proc.name=cat", "ERROR", "[b]")
                + rule("k8s", "ka.verb=get", "INFO", "[]").replace("tags: []", "source: k8s_audit")
                + rule("off", "evt.type=open", "ERROR", "[c]") + "  enabled: false\n"));
        ruleset = l.ruleset();
    }

    private List<String> names(String source, int type, Map<String, Object> values) {
        return ruleset.match(source, new TestEvent(1, type, values)).stream().map(CompiledRule::name).toList();
    }

    @Test
    void firstMatchingStopsAtTheFirstRuleInDefinitionOrder() {
        assertEquals(List.of("first [x]"), names("syscall", 2, Map.of("proc.name", "cat")));
    }

    @Test
    void allMatchingReturnsEveryMatchInOrder() {
        ruleset.setMatching(RuleMatching.ALL);
        assertEquals(List.of("first [x]", "second", "third"), names("syscall", 2, Map.of("proc.name", "cat")));
        assertEquals(List.of("second", "third"), names("syscall", 4, Map.of("proc.name", "cat")));
        assertEquals(List.of("third"), names("syscall", 20, Map.of("proc.name", "cat")));
    }

    @Test
    void eventsMeetOnlyRulesOfTheirSource() {
        ruleset.setMatching(RuleMatching.ALL);
        assertEquals(List.of("k8s"), names("k8s_audit", 322, Map.of("ka.verb", "get")));
        assertEquals(List.of(), names("other", 2, Map.of()));
    }

    @Test
    void disabledRulesAreCompiledButDoNotRun() {
        assertEquals(5, ruleset.rules().size());
        ruleset.setMatching(RuleMatching.ALL);
        assertTrue(names("syscall", 2, Map.of()).stream().noneMatch("off"::equals));
    }

    @Test
    void reEnabledRulesMoveLastWithinTheirCode() {
        ruleset.setMatching(RuleMatching.ALL);
        ruleset.enableByName("first*", false);
        ruleset.enableByName("first [x]", true);
        ruleset.enableByTag("c", true);
        assertEquals(List.of("second", "first [x]", "off"), names("syscall", 2, Map.of()));
    }

    @Test
    void wildcardNamesTreatOtherCharactersLiterally() {
        ruleset.setMatching(RuleMatching.ALL);
        ruleset.enableByName("*", false);
        assertEquals(List.of(), names("syscall", 2, Map.of("proc.name", "cat")));
        ruleset.enableByName("first [x]", true);
        ruleset.enableByName("fir?t*", true);
        assertEquals(List.of("first [x]"), names("syscall", 2, Map.of()));
    }

    @Test
    void tagSelectionAppliesToEveryRuleWithTheTag() {
        ruleset.setMatching(RuleMatching.ALL);
        ruleset.enableByTag("a", false);
        assertEquals(List.of("third"), names("syscall", 2, Map.of("proc.name", "cat")));
    }

    @Test
    void minimumPriorityFiltersLessSevereRules() {
        ruleset.setMatching(RuleMatching.ALL);
        ruleset.setMinimumPriority(Priority.WARNING);
        assertEquals(List.of("first [x]", "third"), names("syscall", 2, Map.of("proc.name", "cat")));
    }

    @Test
    void priorityNamesPrintCapitalised() {
        assertEquals("Informational", Priority.INFORMATIONAL.toString());
        assertEquals(Priority.EMERGENCY, Priority.parse("emergency").orElseThrow());
        assertTrue(Priority.parse("warn").isEmpty());
    }

    @Test
    void asyncEventsMeetEverySyscallRule() {
        java.util.BitSet openOnly = new java.util.BitSet();
        openOnly.set(2);
        CompiledRule always = new CompiledRule("always", "d", Priority.INFORMATIONAL, "syscall",
                new java.util.TreeSet<>(), true, "o", null, Map.of(), event -> true, openOnly, 0, false, 0);
        Ruleset withAsync = new Ruleset(List.of(always), Map.of("syscall", 300), Map.of("syscall", new int[] {250}));
        Ruleset without = new Ruleset(List.of(always), Map.of("syscall", 300));
        TestEvent async = new TestEvent(1, 250, Map.of());
        assertEquals(1, withAsync.match("syscall", async).size());
        assertEquals(0, without.match("syscall", async).size());
        assertEquals(0, withAsync.match("syscall", new TestEvent(1, 4, Map.of())).size());
    }

    @Test
    void aWorkerCopyKeepsTheSelectionAndSharesNoCompiledConditionOrOutputOfItsSource() {
        ruleset.setMatching(RuleMatching.ALL);
        ruleset.enableByName("first*", false);
        ruleset.enableByName("first [x]", true);
        ruleset.enableByTag("c", true);
        ruleset.setMinimumPriority(Priority.INFORMATIONAL);
        Ruleset worker = ruleset.forWorker("syscall");

        TestEvent event = new TestEvent(1, 2, Map.of("proc.name", "cat"));
        assertEquals(List.of("third", "first [x]", "off"), names("syscall", 2, Map.of("proc.name", "cat")));
        assertEquals(List.of("third", "first [x]", "off"), worker.match("syscall", event).stream()
                .map(CompiledRule::name).toList(), "same enabled order, priority floor and matching");
        for (int i = 0; i < ruleset.rules().size(); i++) {
            CompiledRule original = ruleset.rules().get(i);
            CompiledRule copy = worker.rules().get(i);
            assertEquals(original.name(), copy.name());
            if (original.source().equals("syscall")) {
                assertTrue(original.filter() != copy.filter(), original.name() + ": own condition");
                assertTrue(original.output() != copy.output(), original.name() + ": own output");
            } else {
                assertTrue(original == copy, "rules of other sources are not compiled again");
            }
        }
    }
}
