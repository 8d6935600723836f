package dev.peregrine.platform.output.format;

import static dev.peregrine.platform.rules.result.LoadCode.LOAD_ERR_COMPILE_OUTPUT;
import static dev.peregrine.platform.rules.testing.Fixture.assertError;
import static dev.peregrine.platform.rules.testing.Fixture.assertOk;
import static dev.peregrine.platform.rules.testing.Fixture.load;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.platform.engine.AppendOutput;
import dev.peregrine.platform.engine.CompiledRule;
import dev.peregrine.platform.engine.RulesLoader;
import dev.peregrine.platform.rules.testing.Fixture;
import dev.peregrine.platform.rules.testing.TestEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Output rendering and JSON fields of compiled rules (§5, checklist 41–43). */
class CompiledOutputTest {

    private static CompiledRule compile(String output, List<AppendOutput> extra) {
        RulesLoader l = Fixture.loader(extra);
        assertOk(l.load("r.yaml", "- rule: r\n  desc: d\n  condition: evt.type=open\n  output: '" + output
                + "'\n  priority: INFO\n  tags: [t]\n"));
        return l.ruleset().rules().getFirst();
    }

    private static CompiledRule compile(String output) {
        return compile(output, List.of());
    }

    private static TestEvent event(Map<String, Object> values) {
        return new TestEvent(7, 2, values);
    }

    @Test
    void fieldsPrintTheirValueOrNa() {
        CompiledOutput out = compile("cmd=%proc.name pid=%proc.pid").output();
        assertEquals("cmd=cat pid=<NA>", out.render(event(Map.of("proc.name", "cat"))));
    }

    @Test
    void longestFieldPrefixWinsAndWidthsPad() {
        assertEquals("catand", compile("%proc.nameand").output().render(event(Map.of("proc.name", "cat"))));
        assertEquals("[cat       ]", compile("[%10proc.name]").output().render(event(Map.of("proc.name", "cat"))));
        assertEquals("[abc]", compile("[%3proc.name]").output().render(event(Map.of("proc.name", "abcdef"))));
    }

    @Test
    void badFormatsAreOutputErrors() {
        String rule = "- rule: r\n  desc: d\n  condition: evt.type=open\n  priority: INFO\n  output: ";
        assertError(load(rule + "'x %'\n"), LOAD_ERR_COMPILE_OUTPUT,
                "invalid formatting syntax: formatting cannot end with a %");
        assertEquals(LOAD_ERR_COMPILE_OUTPUT, load(rule + "'%(proc.name)'\n").errors().getFirst().code());
    }

    @Test
    void jsonFieldsHoldPlainFieldsAndFieldsInsideTransformers() {
        CompiledOutput out = compile("%proc.name %toupper(proc.pname) %proc.pid %proc.aname[2]").output();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("proc.name", "cat");
        expected.put("proc.pname", "bash");
        expected.put("proc.pid", 42L);
        expected.put("proc.aname[2]", null);
        assertEquals(expected, new HashMap<>(out.fields(event(Map.of("proc.name", "cat", "proc.pname", "bash",
                "proc.pid", 42L)))));
        assertEquals(List.of("proc.name", "proc.pname", "proc.pid", "proc.aname[2]"), out.fieldNames());
        assertEquals("cat BASH 42 <NA>", out.render(event(Map.of("proc.name", "cat", "proc.pname", "bash",
                "proc.pid", 42L))));
    }

    @Test
    void appendOutputAddsTextAndFieldsToMatchingRules() {
        AppendOutput extra = new AppendOutput("syscall", Set.of("t"), null, "user=%user.name",
                Map.of("parent", "%proc.pname"));
        AppendOutput other = new AppendOutput("k8s_audit", Set.of(), null, "never", Map.of());
        CompiledRule r = compile("cmd=%proc.name", List.of(extra, other));
        assertEquals("cmd=%proc.name user=%user.name", r.outputText());
        assertEquals("cmd=cat user=root",
                r.output().render(event(Map.of("proc.name", "cat", "user.name", "root"))));
        assertEquals("bash", r.extraFields().get("parent").render(event(Map.of("proc.pname", "bash"))));
    }

    @Test
    void rawExtraFieldsKeepTheirTypeAndSuggestedFieldsAppendAsNameEqualsField() {
        Map<String, String> raw = new HashMap<>();
        raw.put("proc.pid", null);
        CompiledRule r = compile("x", List.of(new AppendOutput(null, Set.of(), "r", null, raw)));
        assertEquals(42L, r.extraFields().get("proc.pid").fields(event(Map.of("proc.pid", 42L))).get("proc.pid"));
        var catalog = new dev.peregrine.platform.rules.testing.TestCatalog("syscall", List.of(
                dev.peregrine.api.FieldSpec.of("proc.name", dev.peregrine.api.FieldType.STRING, "n")
                        .withSuggestedOutput(true),
                dev.peregrine.api.FieldSpec.of("proc.pid", dev.peregrine.api.FieldType.PID, "p")), null);
        assertEquals("proc_name=%proc.name", AppendOutput.suggestedFor("syscall", catalog).extraOutput());
    }
}
