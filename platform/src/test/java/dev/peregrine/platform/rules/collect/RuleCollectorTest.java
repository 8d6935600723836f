package dev.peregrine.platform.rules.collect;

import static dev.peregrine.platform.rules.result.LoadCode.LOAD_APPEND_NO_VALUES;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_DEPRECATED_ITEM;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_ERR_VALIDATE;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_ERR_YAML_VALIDATE;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_EXCEPTION_NAME_NOT_UNIQUE;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_UNKNOWN_SOURCE;
import static dev.peregrine.platform.rules.testing.Fixture.assertError;
import static dev.peregrine.platform.rules.testing.Fixture.assertOk;
import static dev.peregrine.platform.rules.testing.Fixture.assertPointsAt;
import static dev.peregrine.platform.rules.testing.Fixture.assertWarning;
import static dev.peregrine.platform.rules.testing.Fixture.load;
import static dev.peregrine.platform.rules.testing.Fixture.loader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.platform.engine.CompiledRule;
import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.engine.RulesLoader;
import dev.peregrine.platform.rules.result.ItemType;
import dev.peregrine.platform.rules.result.LoadMessage;
import dev.peregrine.platform.rules.result.LoadResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Redefinition, legacy append, override and exception merging (§1.5–§1.12, checklist 3, 7–14, 37). */
class RuleCollectorTest {

    private static final String BASE = """
            - macro: m
              condition: evt.type=open
            - rule: r
              desc: base desc
              condition: m and proc.name=cat
              output: base output
              priority: WARNING
              tags: [b, a]
            """;

    private static CompiledRule only(RulesLoader l) {
        return l.ruleset().rules().getFirst();
    }

    @Test
    void fileTwoCanAppendToAMacroOfFileOne() {
        RulesLoader l = loader();
        assertOk(l.load("one.yaml", BASE));
        LoadResult two = l.load("two.yaml", "- macro: m\n  condition: or evt.type=close\n  override:\n"
                + "    condition: append\n");
        assertOk(two);
        assertOk(l.load("three.yaml", "- macro: m\n  condition: or evt.type=execve\n  append: true\n"));
        assertTrue(l.ruleset().rules().getFirst().eventCodes().get(6), "execve code reached the rule");
    }

    @Test
    void legacyAppendWarnsAndCannotBeCombinedWithOverride() {
        RulesLoader l = loader();
        assertOk(l.load("one.yaml", BASE));
        LoadResult r = l.load("two.yaml", "- rule: r\n  condition: and proc.pid=1\n  append: true\n");
        assertOk(r);
        assertWarning(r, LOAD_DEPRECATED_ITEM,
                "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.");
        assertError(l.load("three.yaml", "- rule: r\n  condition: x\n  append: true\n  override:\n"
                        + "    condition: append\n"), LOAD_ERR_YAML_VALIDATE,
                "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry"
                        + " (e.g. 'condition: append') under 'override' instead.");
    }

    @Test
    void appendsJoinWithOneSpaceAndTagsUnion() {
        RulesLoader l = loader();
        assertOk(l.load("one.yaml", BASE));
        assertOk(l.load("two.yaml", """
                - rule: r
                  condition: or proc.name=dog
                  output: more
                  desc: more desc
                  tags: [c, a]
                  override:
                    condition: append
                    output: append
                    desc: append
                    tags: append
                """));
        CompiledRule r = only(l);
        assertEquals("base output more", r.outputText());
        assertEquals("base desc more desc", r.description());
        assertEquals(List.of("a", "b", "c"), List.copyOf(r.tags()));
    }

    @Test
    void priorityCannotBeAppendedTo() {
        RulesLoader l = loader();
        assertOk(l.load("one.yaml", BASE));
        LoadMessage e = assertError(l.load("two.yaml", "- rule: r\n  priority: INFO\n  override:\n"
                        + "    priority: append\n"), LOAD_ERR_YAML_VALIDATE,
                "Key 'priority' cannot be appended to, use 'replace' instead");
        assertPointsAt(e, ItemType.OVERRIDE, "priority");
    }

    @Test
    void unsupportedOverrideOperationsAreRejected() {
        assertError(load("- list: l\n  items: []\n  override:\n    items: merge\n"), LOAD_ERR_YAML_VALIDATE,
                "Invalid override operation for key 'items': 'merge'. Allowed values are: append replace ");
        assertError(load("- rule: r\n  source: x\n  override:\n    source: replace\n"), LOAD_ERR_YAML_VALIDATE,
                "Key 'source' cannot be replaced");
        assertError(load("- rule: r\n  priority: x\n  override:\n    priority: merge\n"), LOAD_ERR_YAML_VALIDATE,
                "Invalid override operation for key 'priority': 'merge'. Allowed values are: replace ");
    }

    @Test
    void overrideEntryForAnAbsentKeyIsAnError() {
        RulesLoader l = loader();
        assertOk(l.load("one.yaml", BASE));
        assertError(l.load("two.yaml", "- rule: r\n  override:\n    condition: append\n"), LOAD_ERR_YAML_VALIDATE,
                "An append override for 'condition' was specified but 'condition' is not defined");
        assertError(l.load("three.yaml", "- rule: r\n  override:\n    enabled: replace\n"), LOAD_ERR_YAML_VALIDATE,
                "An replace override for 'enabled' was specified but 'enabled' is not defined");
    }

    @Test
    void overridableKeyWithoutOverrideEntryIsAnError() {
        RulesLoader l = loader();
        assertOk(l.load("one.yaml", BASE));
        LoadMessage e = assertError(l.load("two.yaml", "- rule: r\n  output: x\n  desc: y\n  condition: z\n"
                        + "  override:\n    condition: append\n"), LOAD_ERR_YAML_VALIDATE,
                "Unexpected key 'desc': no corresponding entry under 'override' is defined.");
        assertPointsAt(e, ItemType.OVERRIDE, "desc");
    }

    @Test
    void enabledReplaceReenablesWithoutWarnings() {
        RulesLoader l = loader();
        assertOk(l.load("one.yaml", BASE + "  enabled: false\n"));
        LoadResult r = l.load("two.yaml", "- rule: r\n  enabled: true\n  override:\n    enabled: replace\n");
        assertOk(r);
        assertTrue(r.warnings().isEmpty(), r.toString());
        assertTrue(only(l).enabled());
    }

    @Test
    void replaceOverwritesAndKeepsTheSlot() {
        RulesLoader l = loader();
        assertOk(l.load("one.yaml", BASE + """
                - rule: second
                  desc: d
                  condition: evt.type=close
                  output: o
                  priority: INFO
                """));
        assertOk(l.load("two.yaml", "- rule: r\n  priority: DEBUG\n  tags: [z]\n  override:\n"
                + "    priority: replace\n    tags: replace\n"));
        CompiledRule r = only(l);
        assertEquals("r", r.name());
        assertEquals(Priority.DEBUG, r.priority());
        assertEquals(List.of("z"), List.copyOf(r.tags()));
    }

    @Test
    void missingTargetsFailWithTheirMessages() {
        assertError(load("- list: l\n  items: [a]\n  append: true\n"), LOAD_ERR_VALIDATE,
                "List uses 'append' or 'override.items: append' but no list by that name already exists");
        assertError(load("- macro: dangling append\n  condition: x\n  override:\n    condition: append\n"),
                LOAD_ERR_VALIDATE,
                "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists");
        assertError(load("- rule: my_rule\n  condition: x\n  append: true\n"), LOAD_ERR_VALIDATE,
                "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists");
        assertError(load("- rule: my_rule\n  condition: x\n  override:\n    condition: replace\n"),
                LOAD_ERR_VALIDATE,
                "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists");
    }

    @Test
    void bareLegacyAppendNeedsConditionOrExceptions() {
        RulesLoader l = loader();
        assertOk(l.load("one.yaml", BASE));
        assertError(l.load("two.yaml", "- rule: r\n  append: true\n"), LOAD_ERR_VALIDATE,
                "Appended rule must have exceptions or condition property");
    }

    @Test
    void replaceListIsADefinitionEvenWithoutTarget() {
        assertOk(load("- list: l\n  items: [a]\n  override:\n    items: replace\n"));
    }

    @Test
    void unknownSourceIsKeptButSkipped() {
        RulesLoader l = loader();
        LoadResult r = l.load("rules.yaml", "- rule: ct\n  desc: d\n  condition: ct.name=x\n  output: o\n"
                + "  priority: INFO\n  source: aws_cloudtrail\n");
        assertOk(r);
        LoadMessage w = assertWarning(r, LOAD_UNKNOWN_SOURCE, "Unknown source aws_cloudtrail, skipping");
        assertPointsAt(w, ItemType.RULE, "ct");
        assertTrue(l.ruleset().rules().isEmpty());
        assertOk(l.load("two.yaml", "- rule: ct\n  condition: and ct.x=y\n  override:\n    condition: append\n"));
    }

    @Test
    void redefiningAK8sAuditRuleWithoutSourceFails() {
        RulesLoader l = loader();
        assertOk(l.load("one.yaml", "- rule: k\n  desc: d\n  condition: ka.verb=get\n  output: o\n"
                + "  priority: INFO\n  source: k8s_audit\n"));
        assertError(l.load("two.yaml", "- rule: k\n  desc: d\n  condition: ka.verb=get\n  output: o\n"
                + "  priority: INFO\n"), LOAD_ERR_VALIDATE, "Rule has been re-defined with a different source");
    }

    // ---- exceptions

    private static final String EXCEPTION_RULE = """
            - rule: r
              desc: d
              condition: evt.type=open and proc.name=cat
              output: o
              priority: ERROR
              exceptions:
                - name: ex1
                  fields: [proc.name, fd.name]
            """;

    @Test
    void appendingValuesToAnExistingExceptionWorks() {
        RulesLoader l = loader();
        assertOk(l.load("one.yaml", EXCEPTION_RULE));
        assertOk(l.load("two.yaml", "- rule: r\n  exceptions:\n    - name: ex1\n      values: [[a, /b]]\n"
                + "  override:\n    exceptions: append\n"));
    }

    @Test
    void appendingFieldsOrCompsToAnExistingExceptionFails() {
        RulesLoader l = loader();
        assertOk(l.load("one.yaml", EXCEPTION_RULE));
        LoadMessage e = assertError(l.load("two.yaml", "- rule: r\n  exceptions:\n    - name: ex1\n"
                        + "      fields: [proc.name]\n      values: [[a]]\n  append: true\n"), LOAD_ERR_VALIDATE,
                "Can not append exception fields to existing exception, only values");
        assertPointsAt(e, ItemType.EXCEPTION, "ex1");
        assertError(l.load("three.yaml", "- rule: r\n  exceptions:\n    - name: ex1\n"
                        + "      comps: [=, =]\n      values: [[a, b]]\n  append: true\n"), LOAD_ERR_VALIDATE,
                "Can not append exception comps to existing exception, only values");
    }

    @Test
    void appendedNewExceptionsNeedFieldsAndValues() {
        RulesLoader l = loader();
        assertOk(l.load("one.yaml", EXCEPTION_RULE));
        LoadMessage e = assertError(l.load("two.yaml", "- rule: r\n  exceptions:\n    - name: ex2\n"
                        + "      values: [[a, b]]\n  append: true\n"), LOAD_ERR_VALIDATE,
                "Rule exception must have fields property with a list of fields");
        assertPointsAt(e, ItemType.EXCEPTION, "ex2");
        LoadResult noValues = l.load("three.yaml", "- rule: r\n  exceptions:\n    - name: ex3\n"
                + "      fields: proc.name\n  append: true\n");
        assertError(noValues, LOAD_ERR_VALIDATE, "Rule exception must have values property with a list of values");
        assertWarning(noValues, LOAD_APPEND_NO_VALUES, "Overriding/appending exception with no values");
    }

    @Test
    void exceptionValidationMessages() {
        assertError(load(EXCEPTION_RULE.replace("fields: [proc.name, fd.name]", "fields: []")), LOAD_ERR_VALIDATE,
                "Rule exception item must have fields property with a list of fields");
        assertError(load(EXCEPTION_RULE + "      comps: [=]\n"), LOAD_ERR_VALIDATE,
                "Fields and comps lists must have equal length");
        assertError(load(EXCEPTION_RULE + "      comps: [=, no-comp]\n"), LOAD_ERR_VALIDATE,
                "'no-comp' is not a supported comparison operator");
        assertOk(load(EXCEPTION_RULE + "      comps: [=, startswith oneof]\n"));
        LoadMessage e = assertError(load(EXCEPTION_RULE.replace("fd.name]", "not.exist]")), LOAD_ERR_VALIDATE,
                "'not.exist' is not a supported filter field");
        assertPointsAt(e, ItemType.EXCEPTION, "ex1");
        assertOk(load(EXCEPTION_RULE.replace("fd.name]", "tolower(fd.name)]")));
        String single = EXCEPTION_RULE.replace("fields: [proc.name, fd.name]", "fields: proc.name");
        assertError(load(single + "      comps: [in]\n"), LOAD_ERR_VALIDATE, "Fields and comps must both be strings");
        assertError(load(single + "      comps: =\n"), LOAD_ERR_VALIDATE, "When fields is a single value, comps must"
                + " be one of (in, pmatch, intersects) or a modifier operator (e.g. startswith oneof)");
        assertOk(load(single + "      comps: startswith anyof\n"));
        assertError(load(single + "      values: [[a]]\n"), LOAD_ERR_VALIDATE,
                "Expected values array to contain a list of strings");
        assertError(load(EXCEPTION_RULE + "      values: [[a]]\n"), LOAD_ERR_VALIDATE,
                "Fields and values lists must have equal length");
    }

    @Test
    void exceptionShapeErrorsComeFromTheReader() {
        assertError(load(EXCEPTION_RULE.replace("      fields: [proc.name, fd.name]\n", "")), LOAD_ERR_YAML_VALIDATE,
                "Item has no mapping for key 'fields'");
        assertError(load(EXCEPTION_RULE.replace("    - name: ex1\n      fields", "    - fields")),
                LOAD_ERR_YAML_VALIDATE, "Item has no mapping for key 'name'");
        assertError(load(EXCEPTION_RULE.replace("    - name: ex1\n      fields: [proc.name, fd.name]\n", "    x\n")),
                LOAD_ERR_YAML_VALIDATE, "Rule exceptions must be a sequence");
        assertError(load(EXCEPTION_RULE.replace("    - name: ex1\n      fields: [proc.name, fd.name]\n", "    - x\n")),
                LOAD_ERR_YAML_VALIDATE, "Rule exception must be a mapping");
        assertError(load(EXCEPTION_RULE + "      values: x\n"), LOAD_ERR_YAML_VALIDATE,
                "Rule exception values must be a sequence");
    }

    @Test
    void duplicateExceptionNamesWarn() {
        LoadResult r = load(EXCEPTION_RULE + "    - name: ex1\n      fields: proc.name\n");
        assertOk(r);
        assertWarning(r, LOAD_EXCEPTION_NAME_NOT_UNIQUE, "Multiple definitions of exception 'ex1' in the same rule");
    }

    @Test
    void replacedExceptionsAreValidatedToo() {
        RulesLoader l = loader();
        assertOk(l.load("one.yaml", EXCEPTION_RULE));
        assertError(l.load("two.yaml", "- rule: r\n  exceptions:\n    - name: ex9\n      fields: [a.b]\n"
                        + "      values: [[x]]\n  override:\n    exceptions: replace\n"), LOAD_ERR_VALIDATE,
                "'a.b' is not a supported filter field");
    }
}
