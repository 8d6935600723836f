package dev.peregrine.platform.condition.eval;

import static dev.peregrine.platform.condition.eval.Ast.and;
import static dev.peregrine.platform.condition.eval.Ast.check;
import static dev.peregrine.platform.condition.eval.Ast.field;
import static dev.peregrine.platform.condition.eval.Ast.in;
import static dev.peregrine.platform.condition.eval.Ast.lit;
import static dev.peregrine.platform.condition.eval.Ast.not;
import static dev.peregrine.platform.condition.eval.Ast.tr;
import static dev.peregrine.platform.condition.eval.Ast.val;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.platform.condition.ast.Expr;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Condition warnings of §3.6. */
class ConditionWarningsTest {

    private final TestFieldCatalog catalog = new TestFieldCatalog();

    private List<ConditionWarning> scan(Expr expr) {
        return ConditionWarnings.scan(expr, catalog);
    }

    @Test
    void fieldNameUsedAsLiteralWarns() {
        assertEquals(List.of(new ConditionWarning("LOAD_COMPILE_CONDITION",
                        "'proc.pname' may be a valid field misused as a const string value")),
                scan(check(field("proc.name"), "=", lit("proc.pname"))));
        assertEquals(List.of(new ConditionWarning("LOAD_COMPILE_CONDITION",
                        "'proc.aname[2]' may be a valid field misused as a const string value")),
                scan(in("proc.name", "in", "bash", "proc.aname[2]")));
    }

    @Test
    void valAndPlainValuesDoNotWarn() {
        assertEquals(List.of(), scan(check(field("proc.name"), "=", val("proc.pname"))));
        assertEquals(List.of(), scan(and(check("proc.name", "=", "foo"), not(check("evt.type", "=", "execve")))));
        assertEquals(List.of(), scan(check("evt.num", "=", "0")));
        assertEquals(List.of(), scan(check("proc.name", "=", "not.a.field")));
    }

    @Test
    void transformerShapedLiteralWarns() {
        assertEquals(List.of(new ConditionWarning("LOAD_COMPILE_CONDITION",
                        "'tolower(proc.name)' may be a valid field transformer misused as a const string value")),
                scan(check("proc.pname", "=", "tolower(proc.name)")));
        assertEquals(List.of(new ConditionWarning("LOAD_COMPILE_CONDITION",
                        "'val(proc.name)' may be a valid field transformer misused as a const string value")),
                scan(check("proc.pname", "=", "val(proc.name)")));
    }

    @Test
    void simpleRegexWarnsThatSimplerOperatorsExist() {
        String suffix = "' may be optimized with simpler operators such as '=', 'contains', 'startswith', 'endswith'";
        assertEquals(List.of(new ConditionWarning("LOAD_COMPILE_CONDITION", "regex check with '^bash$" + suffix)),
                scan(check("proc.name", "regex", "^bash$")));
        assertEquals(List.of(new ConditionWarning("LOAD_COMPILE_CONDITION", "regex check with '.*bash.*" + suffix)),
                scan(check("proc.name", "regex", ".*bash.*")));
        assertEquals(List.of(), scan(check("proc.name", "regex", "ba[sz]h")));
        assertEquals(List.of(), scan(check("proc.name", "regex", "a.b")));
    }

    @Test
    void naComparisonOnAuditFieldsIsUnsafe() {
        assertEquals(List.of(new ConditionWarning("LOAD_UNSAFE_NA_CHECK", "")), scan(check("ka.user.name", "=", "<NA>")));
        assertEquals(List.of(new ConditionWarning("LOAD_UNSAFE_NA_CHECK", "")),
                scan(in("jevt.value", "in", "a", "<NA>")));
        assertEquals(List.of(), scan(check("ka.user.name", "contains", "<NA>")));
        assertEquals(List.of(), scan(check("proc.name", "=", "<NA>")));
    }

    @Test
    void deprecatedFieldsWarnOncePerField() {
        assertEquals(List.of(
                        new ConditionWarning("LOAD_DEPRECATED_ITEM", "due to the drop of enter events, 'evt.dir = <' "
                                + "always evaluates to true, and 'evt.dir = >' always evaluates to false. The rule "
                                + "expression can be simplified by removing the condition on 'evt.dir'"),
                        new ConditionWarning("LOAD_DEPRECATED_ITEM", "field is not available due to the drop of enter events.")),
                scan(and(check("evt.dir", "=", "<"), check("evt.dir", "!=", ">"),
                        check(tr("len", field("evt.latency")), ">", lit("1")))));
    }
}
