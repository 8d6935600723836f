package dev.peregrine.platform.condition.eval;

import static dev.peregrine.platform.condition.eval.Ast.check;
import static dev.peregrine.platform.condition.eval.Ast.field;
import static dev.peregrine.platform.condition.eval.Ast.lit;
import static dev.peregrine.platform.condition.eval.Ast.rhs;
import static dev.peregrine.platform.condition.eval.Ast.tr;
import static dev.peregrine.platform.condition.eval.Ast.val;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.platform.condition.ast.Expr;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field-to-field comparisons with {@code val()} and right-side transformers (§2.6). */
class FieldComparisonTest {

    private final FilterCompiler compiler = new FilterCompiler(new TestFieldCatalog(), ServiceNames.builtIn());

    private boolean eval(Expr expr, FakeEvent event) throws ConditionCompileException {
        return compiler.compile(expr).matches(event);
    }

    private String error(Expr expr) {
        return assertThrows(ConditionCompileException.class, () -> compiler.compile(expr)).getMessage();
    }

    @Test
    void plainRightSideIsALiteralEvenWhenItNamesAField() throws Exception {
        FakeEvent event = FakeEvent.with("proc.name", "bash", "proc.pname", "bash");
        assertFalse(eval(check(field("proc.name"), "=", lit("proc.pname")), event));
        assertTrue(eval(check(field("proc.name"), "=", lit("proc.pname")), FakeEvent.with("proc.name", "proc.pname")));
    }

    @Test
    void valComparesTheValuesOfTwoFields() throws Exception {
        FakeEvent same = FakeEvent.with("proc.name", "bash", "proc.pname", "bash");
        FakeEvent different = FakeEvent.with("proc.name", "bash", "proc.pname", "sshd");
        assertTrue(eval(check(field("proc.name"), "=", val("proc.pname")), same));
        assertFalse(eval(check(field("proc.name"), "=", val("proc.pname")), different));
        assertTrue(eval(check(field("proc.name"), "!=", val("proc.pname")), different));
        assertTrue(eval(check(field("proc.name"), "<", val("proc.pname")), different));
        assertTrue(eval(check(field("proc.name"), "startswith", val("proc.pname")),
                FakeEvent.with("proc.name", "bash5", "proc.pname", "bash")));
    }

    @Test
    void missingRightFieldMakesTheCheckFalse() throws Exception {
        FakeEvent event = FakeEvent.with("proc.name", "bash");
        assertFalse(eval(check(field("proc.name"), "=", val("proc.pname")), event));
        assertFalse(eval(check(field("proc.name"), "!=", val("proc.pname")), event));
    }

    @Test
    void rightSideTransformerIsEvaluatedPerEvent() throws Exception {
        FakeEvent event = FakeEvent.with("proc.name", "BASH", "proc.pname", "bash");
        assertTrue(eval(check(field("proc.name"), "=", rhs(tr("toupper", field("proc.pname")))), event));
        assertTrue(eval(check(tr("tolower", field("proc.name")), "=", val("proc.pname")), event));
    }

    @Test
    void listFieldsCompareAsSets() throws Exception {
        FakeEvent event = FakeEvent.with("t.strings", List.of("a"), "proc.args", List.of("a", "b"));
        assertTrue(eval(check(field("t.strings"), "in", val("proc.args")), event));
        assertTrue(eval(check(field("t.strings"), "intersects", val("proc.args")), event));
        assertFalse(eval(check(field("proc.args"), "in", val("t.strings")), event));
        assertTrue(eval(check(field("proc.args"), "intersects", val("t.strings")), event));
    }

    @Test
    void numericFieldsCompareNumerically() throws Exception {
        FakeEvent event = FakeEvent.with("proc.pid", 10L, "t.int64", 9L);
        assertTrue(eval(check(field("proc.pid"), ">", val("t.int64")), event));
        assertFalse(eval(check(field("proc.pid"), "=", val("t.int64")), event));
    }

    @Test
    void typesAndListnessMustBeIdentical() {
        assertEquals("field 'proc.name' has type 'CHARBUF' while the right-hand side field 'proc.pid' has "
                + "incompatible type 'INT64'", error(check(field("proc.name"), "=", val("proc.pid"))));
        assertEquals("field 'proc.name' has type 'CHARBUF' while the right-hand side field 'fd.name' has "
                + "incompatible type 'FSPATH'", error(check(field("proc.name"), "=", val("fd.name"))));
        assertEquals("field 'proc.name' has type 'CHARBUF' while the right-hand side field 'proc.args' has "
                + "incompatible type 'CHARBUF (list)'", error(check(field("proc.name"), "in", val("proc.args"))));
        assertEquals("field 'proc.name' has type 'CHARBUF' while the right-hand side field 'proc.args' has "
                + "incompatible type 'UINT64'", error(check(field("proc.name"), "=", rhs(tr("len", field("proc.args"))))));
    }

    @Test
    void pmatchRegexAndNetworksRejectRightHandFields() {
        assertEquals("operator 'PMATCH' doesn't support right-hand side fields",
                error(check(field("fd.name"), "pmatch", val("fd.name"))));
        assertEquals("operator 'REGEX' doesn't support right-hand side fields",
                error(check(field("proc.name"), "regex", val("proc.pname"))));
        assertEquals("field type 'IPNET' doesn't support right-hand side fields",
                error(check(field("t.ipnet"), "=", val("t.ipnet"))));
    }

    @Test
    void eventTypeCannotBeComparedWithFieldsOrTransformed() {
        assertEquals("right-hand field comparisons on `evt.type` checks are not supported by event code search",
                error(check(field("evt.type"), "=", val("proc.name"))));
        assertEquals("right-hand field comparisons on `evt.type` checks are not supported by event code search",
                error(check(field("evt.type"), "in", rhs(tr("tolower", field("proc.name"))))));
        assertEquals("event code search does not support `evt.type` checks with transformers",
                error(check(tr("toupper", field("evt.type")), "=", lit("OPEN"))));
    }

    @Test
    void eventTypeWithOtherOperatorsAgainstFieldsIsAllowed() throws Exception {
        assertTrue(eval(check(field("evt.type"), "startswith", val("proc.name")),
                FakeEvent.with("evt.type", "openat", "proc.name", "open")));
    }
}
