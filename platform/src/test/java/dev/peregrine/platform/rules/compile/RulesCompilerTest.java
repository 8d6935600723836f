package dev.peregrine.platform.rules.compile;

import static dev.peregrine.platform.rules.result.LoadCode.LOAD_COMPILE_CONDITION;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_DEPRECATED_ITEM;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_ERR_COMPILE_CONDITION;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_ERR_COMPILE_OUTPUT;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_ERR_VALIDATE;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_NO_EVTTYPE;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_UNKNOWN_FILTER;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_UNUSED_LIST;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_UNUSED_MACRO;
import static dev.peregrine.platform.rules.testing.Fixture.assertError;
import static dev.peregrine.platform.rules.testing.Fixture.assertNoWarning;
import static dev.peregrine.platform.rules.testing.Fixture.assertOk;
import static dev.peregrine.platform.rules.testing.Fixture.assertPointsAt;
import static dev.peregrine.platform.rules.testing.Fixture.assertWarning;
import static dev.peregrine.platform.rules.testing.Fixture.load;
import static dev.peregrine.platform.rules.testing.Fixture.loader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.platform.engine.CompiledRule;
import dev.peregrine.platform.engine.RulesLoader;
import dev.peregrine.platform.rules.result.ItemType;
import dev.peregrine.platform.rules.result.LoadMessage;
import dev.peregrine.platform.rules.result.LoadResult;
import dev.peregrine.platform.rules.testing.TestEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lists, macros, validation order and warnings of the compile stage (§3.1, §3.2, §4.3, §6.3, §6.4). */
class RulesCompilerTest {

    private static String rule(String name, String condition) {
        return "- rule: " + name + "\n  desc: d\n  condition: " + condition + "\n  output: o\n  priority: INFO\n";
    }

    private static boolean fires(RulesLoader l, int type, Map<String, Object> values) {
        return !l.ruleset().match("syscall", new TestEvent(5, type, values)).isEmpty();
    }

    @Test
    void listReferenceExpandsInlineAndQuotesItemsWithSpaces() {
        RulesLoader l = loader();
        assertOk(l.load("r.yaml", "- list: cmds\n  items: [cat /dev/zero, ls]\n"
                + rule("r", "evt.type=open and proc.cmdline in (cmds)")));
        assertTrue(fires(l, 2, Map.of("proc.cmdline", "cat /dev/zero")));
        assertTrue(fires(l, 2, Map.of("proc.cmdline", "ls")));
        assertFalse(fires(l, 2, Map.of("proc.cmdline", "cat")));
    }

    @Test
    void bareOneItemListAndListsInsideListsExpandButLongerWordsDoNot() {
        RulesLoader l = loader();
        assertOk(l.load("r.yaml", """
                - list: cat_binaries
                  items: [cat]
                - macro: is_cat
                  condition: proc.name=cat_binaries
                """ + rule("r", "evt.type=open and is_cat")));
        assertTrue(fires(l, 2, Map.of("proc.name", "cat")));
        RulesLoader sub = loader();
        assertOk(sub.load("r.yaml", "- list: my_list\n  items: ['\"one string\"']\n"
                + rule("r", "evt.type=open and fd.name in (file_my_list)")));
        assertTrue(fires(sub, 2, Map.of("fd.name", "file_my_list")));
    }

    @Test
    void listsOfEarlierListsExpandOneLevelAndLaterListsResolve() {
        RulesLoader l = loader();
        assertOk(l.load("r.yaml", """
                - list: a
                  items: [x]
                - list: b
                  items: [a, y]
                - macro: m
                  condition: proc.name in (b, c)
                - list: c
                  items: [z]
                """ + rule("r", "evt.type=open and m")));
        for (String name : List.of("x", "y", "z")) {
            assertTrue(fires(l, 2, Map.of("proc.name", name)), name);
        }
    }

    @Test
    void invalidListLoopLeavesTheNameLiteral() {
        LoadResult r = load("""
                - list: list_a
                  items: [open]
                - list: list_b
                  items: [list_a]
                - list: list_a
                  items: [list_b]
                """ + rule("r", "evt.type in (list_a)"));
        assertError(r, LOAD_ERR_COMPILE_CONDITION, "unknown event type list_a");
    }

    @Test
    void macroUsingALaterMacroIsUndefinedEvenWhenUnused() {
        LoadMessage e = assertError(load("- macro: a\n  condition: b\n- macro: b\n  condition: evt.type=open\n"),
                LOAD_ERR_VALIDATE, "Undefined macro 'b' used in filter.");
        assertPointsAt(e, ItemType.MACRO, "a");
    }

    @Test
    void rulesMayUseMacrosDefinedLater() {
        RulesLoader l = loader();
        assertOk(l.load("r.yaml", rule("r", "m") + "- macro: m\n  condition: evt.type=open\n"));
        assertTrue(fires(l, 2, Map.of()));
    }

    @Test
    void macroLoopThroughARedefinitionIsReported() {
        LoadMessage e = assertError(load("""
                - macro: macro_a
                  condition: evt.type=open
                - macro: macro_b
                  condition: macro_a
                - macro: macro_a
                  condition: macro_b
                """), LOAD_ERR_VALIDATE, "reference loop in macro 'macro_b'");
        assertPointsAt(e, ItemType.MACRO, "macro_a");
    }

    @Test
    void redefiningAMacroOrRuleWithAnUnknownNameFails() {
        RulesLoader l = loader();
        assertOk(l.load("a.yaml", "- macro: some macro\n  condition: evt.type=open\n" + rule("some rule",
                "evt.type=open")));
        assertError(l.load("b.yaml", rule("some rule", "bar")), LOAD_ERR_VALIDATE,
                "Undefined macro 'bar' used in filter.");
    }

    @Test
    void appendedMacroWithBadSyntaxFailsWithTheMacroAsContext() {
        RulesLoader l = loader();
        assertOk(l.load("a.yaml", "- macro: m\n  condition: evt.type=execve\n"));
        LoadMessage e = assertError(l.load("b.yaml", "- macro: m\n  condition: foo\n  append: true\n"),
                LOAD_ERR_COMPILE_CONDITION, "unexpected token after 'execve', expecting 'or', 'and'");
        assertPointsAt(e, ItemType.MACRO, "m");
        assertPointsAt(e, ItemType.CONDITION_EXPRESSION, "");
    }

    @Test
    void unusedMacrosAndListsWarnOnlyAfterASuccessfulCompile() {
        LoadResult ok = load("- list: l\n  items: [a]\n- macro: m\n  condition: evt.type=open\n"
                + "- macro: used\n  condition: evt.type=close\n" + rule("r", "used"));
        assertOk(ok);
        LoadMessage macro = assertWarning(ok, LOAD_UNUSED_MACRO, "Macro not referred to by any other rule/macro");
        assertPointsAt(macro, ItemType.MACRO, "m");
        assertEquals(1, ok.warnings().stream().filter(w -> w.code() == LOAD_UNUSED_MACRO).count());
        LoadMessage list = assertWarning(ok, LOAD_UNUSED_LIST, "List not referred to by any other rule/macro");
        assertPointsAt(list, ItemType.LIST, "l");
        LoadResult failed = load("- list: l\n  items: [a]\n" + rule("r", "evt.type=open and"));
        assertFalse(failed.successful());
        assertNoWarning(failed, LOAD_UNUSED_LIST);
    }

    @Test
    void syntaxErrorInUnusedMacroFailsButUnknownFieldDoesNot() {
        LoadResult bad = load("- macro: m\n  condition: evt.type=open foo\n");
        LoadMessage e = assertError(bad, LOAD_ERR_COMPILE_CONDITION,
                "unexpected token after 'open', expecting 'or', 'and'");
        assertPointsAt(e, ItemType.MACRO, "m");
        assertOk(load("- macro: m\n  condition: proc.nobody=1\n"));
    }

    @Test
    void unknownFieldsAndEventTypesAreConditionErrors() {
        assertError(load(rule("r", "evt.type=open and proc.nobody=cat")), LOAD_ERR_COMPILE_CONDITION,
                "filter_check called with nonexistent field proc.nobody");
        assertError(load(rule("r", "evt.type=nosuchevent")), LOAD_ERR_COMPILE_CONDITION,
                "unknown event type nosuchevent");
    }

    @Test
    void skipIfUnknownFilterTurnsUnknownFieldsIntoWarningsAndDropsTheRule() {
        RulesLoader l = loader();
        LoadResult r = l.load("r.yaml", rule("r", "evt.type=open and proc.nobody=cat")
                + "  skip-if-unknown-filter: true\n" + rule("kept", "evt.type=open"));
        assertOk(r);
        LoadMessage w = assertWarning(r, LOAD_UNKNOWN_FILTER, "filter_check called with nonexistent field proc.nobody");
        assertPointsAt(w, ItemType.RULE, "r");
        assertEquals(List.of("kept"), l.ruleset().rules().stream().map(CompiledRule::name).toList());
        LoadResult output = load(rule("r", "evt.type=open").replace("output: o", "output: '%not_a_real_field'")
                + "  skip-if-unknown-filter: true\n");
        assertOk(output);
        assertWarning(output, LOAD_UNKNOWN_FILTER, "invalid formatting token not_a_real_field");
        assertError(load(rule("r", "evt.type=open foo")
                + "  skip-if-unknown-filter: true\n"), LOAD_ERR_COMPILE_CONDITION,
                "unexpected token after 'open', expecting 'or', 'and'");
    }

    @Test
    void outputIsCheckedBeforeTheCondition() {
        LoadMessage e = assertError(load(rule("rule_with_invalid_output", "proc.nobody=1")
                        .replace("output: o", "output: \"An open was seen %not_a_real_field\"")),
                LOAD_ERR_COMPILE_OUTPUT, "invalid formatting token not_a_real_field");
        assertPointsAt(e, ItemType.RULE, "rule_with_invalid_output");
        assertPointsAt(e, ItemType.RULE_OUTPUT, "");
    }

    @Test
    void exceptionsCompileIntoTheCondition() {
        RulesLoader l = loader();
        assertOk(l.load("r.yaml", rule("r", "evt.type=open and proc.name=cat") + """
                  exceptions:
                    - name: e1
                      fields: [proc.name, proc.cmdline]
                      values: [[cat, cat /dev/null]]
                    - name: e2
                      fields: fd.name
                      values: [/tmp/a, /tmp/b]
                """));
        assertTrue(fires(l, 2, Map.of("proc.name", "cat", "proc.cmdline", "cat x", "fd.name", "/etc")));
        assertFalse(fires(l, 2, Map.of("proc.name", "cat", "proc.cmdline", "cat /dev/null", "fd.name", "/etc")));
        assertFalse(fires(l, 2, Map.of("proc.name", "cat", "proc.cmdline", "cat x", "fd.name", "/tmp/b")));
    }

    @Test
    void tooManyEventTypesWarnUnlessDisabled() {
        LoadResult r = load(rule("no_evttype", "proc.name=foo") + rule("ok", "evt.type=execve and not proc.name=foo")
                + rule("quiet", "proc.name=foo") + "  warn_evttypes: false\n" + rule("never", "evt.num=0"));
        assertOk(r);
        LoadMessage w = assertWarning(r, LOAD_NO_EVTTYPE,
                "Rule matches too many evt.type values. This has a significant performance penalty.");
        assertPointsAt(w, ItemType.RULE, "no_evttype");
        assertEquals(1, r.warnings().stream().filter(x -> x.code() == LOAD_NO_EVTTYPE).count(), r.toString());
    }

    @Test
    void fieldMisusedAsValueWarns() {
        LoadResult r = load(rule("r", "evt.type=open and proc.name = proc.pname"));
        assertOk(r);
        assertWarning(r, LOAD_COMPILE_CONDITION, "'proc.pname' may be a valid field misused as a const string value");
    }

    @Test
    void containerInfoIsRemovedWithADeprecationWarning() {
        RulesLoader l = loader();
        LoadResult r = l.load("r.yaml", rule("r", "evt.type=open").replace("output: o",
                "output: \"x %proc.name %container.info\""));
        assertOk(r);
        assertWarning(r, LOAD_DEPRECATED_ITEM, "%container.info is deprecated and no more useful, and will be dropped"
                + " by Falco 1.0.0. The container plugin will automatically add required fields to the output message.");
        assertEquals("x %proc.name ", l.ruleset().rules().getFirst().outputText());
    }

    @Test
    void deprecatedFieldsInOutputsWarn() {
        LoadResult r = load(rule("r", "evt.type=open").replace("output: o", "output: \"%evt.latency\""));
        assertOk(r);
        assertWarning(r, LOAD_DEPRECATED_ITEM, "usage of deprecated field 'evt.latency' has been detected in the"
                + " rule output");
    }

    @Test
    void compileWarningsOfEarlierFilesRepeat() {
        RulesLoader l = loader();
        assertOk(l.load("a.yaml", rule("r", "proc.name=foo")));
        LoadResult second = l.load("b.yaml", rule("s", "evt.type=open"));
        assertWarning(second, LOAD_NO_EVTTYPE,
                "Rule matches too many evt.type values. This has a significant performance penalty.");
    }

    @Test
    void valueAndTypeErrorsAreConditionErrors() {
        assertError(load(rule("r", "evt.type=open and fd.num = 0x10")), LOAD_ERR_COMPILE_CONDITION,
                "0x10 is not a valid number");
        assertEquals(LOAD_ERR_COMPILE_CONDITION, load(rule("r", "evt.type=open and proc.pid contains 1"))
                .errors().getFirst().code());
        assertEquals(LOAD_ERR_COMPILE_CONDITION, load(rule("r", "evt.type=open and toupper(evt.num) = 1"))
                .errors().getFirst().code());
        assertEquals(LOAD_ERR_COMPILE_CONDITION, load(rule("r", "evt.type = val(proc.name)"))
                .errors().getFirst().code());
    }

    @Test
    void conditionErrorsPointIntoTheConditionWithASnippet() {
        LoadResult r = load(rule("r", "evt.type=open foo"));
        LoadMessage e = assertError(r, LOAD_ERR_COMPILE_CONDITION, "unexpected token after 'open', expecting 'or',"
                + " 'and'");
        assertPointsAt(e, ItemType.RULE_CONDITION, "");
        assertEquals(ItemType.CONDITION_EXPRESSION, e.context().getLast().itemType());
        assertEquals("\"evt.type=open foo\"", e.context().getLast().fileName());
        assertTrue(e.snippet().startsWith("evt.type=open foo\n"), e.snippet());
    }

    @Test
    void transformersOnTheLeftCompile() {
        RulesLoader l = loader();
        assertOk(l.load("r.yaml", rule("r", "evt.type=open and tolower(proc.name) = bash")));
        assertTrue(fires(l, 2, Map.of("proc.name", "BaSh")));
    }
}
