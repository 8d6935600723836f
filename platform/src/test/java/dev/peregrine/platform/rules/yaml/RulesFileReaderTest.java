package dev.peregrine.platform.rules.yaml;

import static dev.peregrine.platform.rules.result.LoadCode.LOAD_DEPRECATED_ITEM;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_ERR_VALIDATE;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_ERR_YAML_PARSE;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_ERR_YAML_VALIDATE;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_INVALID_LIST_NAME;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_INVALID_MACRO_NAME;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_UNKNOWN_ITEM;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_UNKNOWN_KEY;
import static dev.peregrine.platform.rules.testing.Fixture.assertError;
import static dev.peregrine.platform.rules.testing.Fixture.assertOk;
import static dev.peregrine.platform.rules.testing.Fixture.assertPointsAt;
import static dev.peregrine.platform.rules.testing.Fixture.assertWarning;
import static dev.peregrine.platform.rules.testing.Fixture.load;
import static dev.peregrine.platform.rules.testing.Fixture.loader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.engine.RulesLoader;
import dev.peregrine.platform.rules.result.ItemType;
import dev.peregrine.platform.rules.result.Location;
import dev.peregrine.platform.rules.result.LoadMessage;
import dev.peregrine.platform.rules.result.LoadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shape checks, scalar decoding and item forms of the reader (§1.1–§1.7, §1.13, §7). */
class RulesFileReaderTest {

    private static final String RULE = """
            - rule: r
              desc: d
              condition: evt.type=open
              output: o
              priority: %s
            """;

    @Test
    void emptyFileAndNullDocumentsLoadOk() {
        assertOk(load(""));
        assertOk(load("---\n---\n- ~\n"));
    }

    @Test
    void mappingDocumentIsNotAnArrayOfObjects() {
        LoadMessage e = assertError(load("foo: bar\n"), LOAD_ERR_YAML_VALIDATE,
                "Rules content is not yaml array of objects");
        assertPointsAt(e, ItemType.RULES_CONTENT, "");
    }

    @Test
    void scalarDocumentIsNotYaml() {
        assertError(load("This is not yaml\n"), LOAD_ERR_YAML_VALIDATE, "Rules content is not yaml");
    }

    @Test
    void nonMappingEntryIsAnUnexpectedElement() {
        LoadMessage e = assertError(load("- foo\n"), LOAD_ERR_YAML_VALIDATE,
                "Unexpected element type. Each element should be a yaml associative array.");
        assertPointsAt(e, ItemType.RULES_CONTENT_ITEM, "");
        Location item = e.context().getLast();
        assertEquals(0, item.line());
        assertEquals(2, item.column());
        assertEquals(2, item.offset());
    }

    @Test
    void invalidYamlReportsTheParserPositionInYamlCppShape() {
        assertError(load("this : is : not : yaml\n"), LOAD_ERR_YAML_PARSE,
                "yaml-cpp: error at line 1, column 11: illegal map value");
    }

    @Test
    void itemWithoutKnownKeyWarnsUnknownTopLevelItem() {
        LoadResult r = load("- foo: bar\n");
        assertOk(r);
        assertWarning(r, LOAD_UNKNOWN_ITEM, "Unknown top level item");
    }

    @Test
    void itemKindFollowsKeyPriority() {
        // required_engine_version wins over list and rule keys in the same mapping
        LoadResult r = load("- required_engine_version: 0.99.0\n  list: x\n  items: []\n");
        assertError(r, LOAD_ERR_VALIDATE, "Rules require engine version 0.99.0, but engine version is 0.63.0");
        // list wins over macro
        LoadResult listFirst = load("- macro: m\n  list: l\n");
        assertError(listFirst, LOAD_ERR_YAML_VALIDATE, "Item has no mapping for key 'items'");
        assertPointsAt(listFirst.errors().getFirst(), ItemType.LIST, "l");
    }

    @Test
    void listWithoutItemsAndRuleWithNullNameFail() {
        LoadMessage e = assertError(load("- list: bad_list\n"), LOAD_ERR_YAML_VALIDATE,
                "Item has no mapping for key 'items'");
        assertPointsAt(e, ItemType.LIST, "bad_list");
        LoadMessage n = assertError(load("- rule:\n  desc: x\n"), LOAD_ERR_YAML_VALIDATE,
                "Mapping for key 'rule' is empty");
        assertPointsAt(n, ItemType.RULE, "");
    }

    @Test
    void scalarsAreRawTextWithoutImplicitTyping() {
        LoadResult r = load("""
                - list: l
                  items: [1, yes, 0x10, ~x]
                - rule: r
                  desc: d
                  condition: evt.type=open and proc.name in (l)
                  output: o
                  priority: INFO
                """);
        assertOk(r);
    }

    @Test
    void sequenceKeysRejectScalarsAndNestedValues() {
        assertError(load("- list: l\n  items: a\n"), LOAD_ERR_YAML_VALIDATE, "Value is not a sequence");
        assertError(load("- list: l\n  items:\n"), LOAD_ERR_YAML_VALIDATE, "Value is not a sequence");
        assertError(load("- list: l\n  items: [[a]]\n"), LOAD_ERR_YAML_VALIDATE, "sequence value is not scalar");
    }

    @Test
    void nonScalarAndEmptyValuesFail() {
        assertError(load("- macro: m\n  condition: [a]\n"), LOAD_ERR_YAML_VALIDATE, "Value is not a scalar value");
        assertError(load("- macro: m\n  condition: ''\n"), LOAD_ERR_YAML_VALIDATE, "Value must be non-empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ON", "On", "on", "\"true\"", "Y", "yes", "TRUE"})
    void enabledAcceptsYamlCppTrueSpellings(String spelling) {
        RulesLoader l = loader();
        LoadResult r = l.load("rules.yaml", RULE.formatted("INFO") + "  enabled: " + spelling + "\n");
        assertOk(r);
        assertTrue(l.ruleset().rules().getFirst().enabled());
    }

    @Test
    void enabledMaybeCannotBeDecoded() {
        LoadMessage e = assertError(load(RULE.formatted("INFO") + "  enabled: maybe\n"), LOAD_ERR_YAML_VALIDATE,
                "Can't decode YAML scalar value");
        assertPointsAt(e, ItemType.VALUE_FOR, "enabled");
    }

    @Test
    void ruleWithOnlyTagsNeedsEnabled() {
        RulesLoader l = loader();
        assertOk(l.load("a.yaml", RULE.formatted("INFO")));
        assertError(l.load("b.yaml", "- rule: r\n  tags: [x]\n"), LOAD_ERR_YAML_VALIDATE,
                "Item has no mapping for key 'enabled'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"info", "INFO", "Informational", "informational"})
    void informationalAcceptsInfoAliasInAnyCase(String text) {
        RulesLoader l = loader();
        assertOk(l.load("rules.yaml", RULE.formatted(text)));
        assertEquals(Priority.INFORMATIONAL, l.ruleset().rules().getFirst().priority());
    }

    @Test
    void warnIsNotAPriority() {
        LoadMessage e = assertError(load(RULE.formatted("warn")), LOAD_ERR_YAML_VALIDATE, "Invalid priority");
        assertPointsAt(e, ItemType.RULE_PRIORITY, "");
    }

    @Test
    void missingOutputIsReportedWithTheRule() {
        LoadMessage e = assertError(load("- rule: no output rule\n  desc: d\n  condition: evt.type=open\n"
                + "  priority: INFO\n"), LOAD_ERR_YAML_VALIDATE, "Item has no mapping for key 'output'");
        assertPointsAt(e, ItemType.RULE, "no output rule");
    }

    @Test
    void duplicateKeysKeepTheFirstOccurrence() {
        RulesLoader l = loader();
        assertOk(l.load("rules.yaml", RULE.formatted("INFO") + "  priority: DEBUG\n"));
        assertEquals(Priority.INFORMATIONAL, l.ruleset().rules().getFirst().priority());
    }

    @Test
    void unknownKeysWarnAndAreIgnored() {
        LoadResult r = load("- list: l\n  items: [a]\n  priority: INFO\n" + RULE.formatted("INFO") + "  foo: 1\n");
        assertOk(r);
        assertWarning(r, LOAD_UNKNOWN_KEY, "Unknown key 'priority'. The key will be ignored.");
        assertWarning(r, LOAD_UNKNOWN_KEY, "Unknown key 'foo'. The key will be ignored.");
        LoadResult version = load("- required_engine_version: 15\n  items: [a]\n");
        assertOk(version);
        assertWarning(version, LOAD_UNKNOWN_KEY, "Unknown key 'items'. The key will be ignored.");
    }

    @Test
    void invalidListAndMacroNamesWarn() {
        LoadResult r = load("- list: \"a b\"\n  items: []\n- macro: 9m\n  condition: evt.type=open\n");
        assertOk(r);
        assertWarning(r, LOAD_INVALID_LIST_NAME, "List has an invalid name. List names should match a regular"
                + " expression: ([^()\"'[:space:]=,]+)");
        assertWarning(r, LOAD_INVALID_MACRO_NAME, "Macro has an invalid name. Macro names should match a regular"
                + " expression: ([a-zA-Z]+[a-zA-Z0-9_]*)");
    }

    @Test
    void engineVersionFormsAreCheckedWhenRead() {
        assertOk(load("- required_engine_version: 15\n"));
        assertOk(load("- required_engine_version: 0.57.0\n"));
        assertOk(load("- required_engine_version: 0.63.0-rc1\n"));
        assertError(load("- required_engine_version: 0.64.0\n"), LOAD_ERR_VALIDATE,
                "Rules require engine version 0.64.0, but engine version is 0.63.0");
        assertError(load("- required_engine_version: 1.0.0\n"), LOAD_ERR_VALIDATE,
                "Rules require engine version 1.0.0, but engine version is 0.63.0");
        LoadMessage e = assertError(load("- required_engine_version: 9999999\n"), LOAD_ERR_VALIDATE,
                "Rules require engine version 0.9999999.0, but engine version is 0.63.0");
        assertPointsAt(e, ItemType.REQUIRED_ENGINE_VERSION, "");
        assertError(load("- required_engine_version: not-a-number\n"), LOAD_ERR_YAML_VALIDATE,
                "Unable to parse engine version 'not-a-number' as a semver string. Expected \"x.y.z\" semver format.");
    }

    @Test
    void pluginVersionShapesAndChecks() {
        assertError(load("- required_plugin_versions: x\n"), LOAD_ERR_YAML_VALIDATE,
                "Value of required_plugin_versions must be a sequence");
        assertError(load("- required_plugin_versions: [x]\n"), LOAD_ERR_YAML_VALIDATE,
                "Plugin version must be a mapping");
        assertError(load("- required_plugin_versions: [{name: a, version: 1.0.0, alternatives: x}]\n"),
                LOAD_ERR_YAML_VALIDATE, "Value of plugin version alternatives must be a sequence");
        assertError(load("- required_plugin_versions: [{name: a, version: 1.0.0, alternatives: [x]}]\n"),
                LOAD_ERR_YAML_VALIDATE, "Plugin version alternative must be a mapping");
        assertError(load("- required_plugin_versions: [{name: a, version: bad}]\n"), LOAD_ERR_VALIDATE,
                "Invalid required version 'bad' for plugin 'a'");
        assertError(load("- required_plugin_versions: [{name: a, version: 1.0.0,"
                        + " alternatives: [{name: a, version: 2.0.0}]}]\n"), LOAD_ERR_VALIDATE,
                "Defined multiple alternative version requirements for plugin 'a'");
        RulesLoader l = loader();
        assertOk(l.load("p.yaml", "- required_plugin_versions: [{name: container, version: 0.4.0,"
                + " alternatives: [{name: other, version: 0.1.0}]}]\n"));
        assertEquals(1, l.pluginRequirements().size());
        assertEquals("container (>= 0.4.0), other (>= 0.1.0)",
                String.join(", ", l.pluginRequirements().getFirst().alternatives().stream()
                        .map(Object::toString).toList()));
    }

    @Test
    void standaloneEnabledIsDeprecatedAndNeedsAnExistingRule() {
        RulesLoader l = loader();
        assertOk(l.load("a.yaml", RULE.formatted("INFO")));
        LoadResult r = l.load("b.yaml", "- rule: r\n  enabled: false\n");
        assertOk(r);
        assertWarning(r, LOAD_DEPRECATED_ITEM, "The standalone 'enabled' key usage is deprecated. The correct"
                + " approach requires also a 'replace' entry under the 'override' key (i.e. 'enabled: replace').");
        assertFalse(l.ruleset().rules().getFirst().enabled());
        assertError(load("- rule: nope\n  enabled: false\n"), LOAD_ERR_VALIDATE,
                "Rule has 'enabled' key but no rule by that name already exists");
    }

    @Test
    void captureDurationDecodesUnsignedIntegersInYamlCppForms() {
        for (String ok : new String[] {"5000", "0x10", "010"}) {
            RulesLoader l = loader();
            assertOk(l.load("r.yaml", RULE.formatted("INFO") + "  capture: true\n  capture_duration: " + ok + "\n"));
            assertTrue(l.ruleset().rules().getFirst().capture());
        }
        RulesLoader octal = loader();
        assertOk(octal.load("r.yaml", RULE.formatted("INFO") + "  capture_duration: 010\n"));
        assertEquals(8, octal.ruleset().rules().getFirst().captureDurationMs());
        assertError(load(RULE.formatted("INFO") + "  capture_duration: -1\n"), LOAD_ERR_YAML_VALIDATE,
                "Can't decode YAML scalar value");
        assertError(load(RULE.formatted("INFO") + "  capture_duration: 12abc\n"), LOAD_ERR_YAML_VALIDATE,
                "Can't decode YAML scalar value");
    }
}
