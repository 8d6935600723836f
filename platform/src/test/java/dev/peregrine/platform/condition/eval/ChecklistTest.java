package dev.peregrine.platform.condition.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.platform.condition.ast.Expr;
import dev.peregrine.platform.condition.ast.Operand;
import dev.peregrine.platform.condition.ast.Check;
import dev.peregrine.platform.condition.parse.ConditionParser;
import dev.peregrine.platform.condition.parse.ConditionSyntaxException;
import dev.peregrine.platform.field.ResolvedField;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compatibility checklist items of §8 that concern evaluation, written as condition text. */
class ChecklistTest {

    private final TestFieldCatalog catalog = new TestFieldCatalog();
    private final FilterCompiler compiler = new FilterCompiler(catalog, ServiceNames.builtIn());

    private boolean eval(String condition, FakeEvent event) throws Exception {
        return compiler.compile(ConditionParser.parse(condition)).matches(event);
    }

    private String error(String condition) throws ConditionSyntaxException {
        Expr expr = ConditionParser.parse(condition);
        return assertThrows(ConditionCompileException.class, () -> compiler.compile(expr)).getMessage();
    }

    @Test
    void item23RightSideNamingAFieldIsALiteralAndWarns() throws Exception {
        FakeEvent event = FakeEvent.with("proc.name", "bash", "proc.pname", "bash");
        assertFalse(eval("proc.name = proc.pname", event));
        assertEquals(List.of(new ConditionWarning("LOAD_COMPILE_CONDITION",
                        "'proc.pname' may be a valid field misused as a const string value")),
                ConditionWarnings.scan(ConditionParser.parse("proc.name = proc.pname"), catalog));
    }

    @Test
    void item24ValComparesFieldsAndIsRejectedOnTheLeft() throws Exception {
        assertTrue(eval("proc.name = val(proc.pname)", FakeEvent.with("proc.name", "bash", "proc.pname", "bash")));
        assertThrows(ConditionSyntaxException.class, () -> ConditionParser.parse("val(proc.name) = bash"));
    }

    @Test
    void item25TransformersWorkAndCheckTypes() throws Exception {
        assertTrue(eval("tolower(proc.name) = bash", FakeEvent.with("proc.name", "BaSh")));
        assertEquals("can't add field transformer: type 'UINT64' is not supported by 'toupper' transformer applied "
                + "on field 'evt.num'", error("toupper(evt.num) = 1"));
    }

    @Test
    void item26HexEscapesReachTheComparison() throws Exception {
        assertTrue(eval("proc.name = \"a\\x41\"", FakeEvent.with("proc.name", "aA")));
    }

    @Test
    void item27UnknownFieldsAndEventTypesAreCompileErrors() throws Exception {
        assertEquals("filter_check called with nonexistent field proc.nobody", error("proc.nobody=cat"));
        assertEquals("unknown event type nosuchevent", error("evt.type in (open, nosuchevent)"));
    }

    @Test
    void item29ContainsOnANumberIsATypeError() throws Exception {
        assertEquals("filter error: 'contains' operator not supported for numeric filters", error("proc.pid contains 1"));
    }

    @Test
    void item30HexNumbersAreRejected() throws Exception {
        assertEquals("0x10 is not a valid number", error("t.int64 = 0x10"));
    }

    @Test
    void item31MissingFieldMakesEveryCheckFalse() throws Exception {
        FakeEvent empty = FakeEvent.with();
        assertFalse(eval("proc.name != x", empty));
        assertFalse(eval("proc.name exists", empty));
        assertTrue(eval("not proc.name = x", empty));
    }

    @Test
    void item32ListInNeedsAllIntersectsOneAndScalarInEmptyIsFalse() throws Exception {
        FakeEvent event = FakeEvent.with("proc.args", List.of("a", "b"), "proc.name", "a");
        assertTrue(eval("proc.args in (a, b, c)", event));
        assertFalse(eval("proc.args in (a, c)", event));
        assertTrue(eval("proc.args intersects (c, b)", event));
        assertFalse(eval("proc.name in ()", event));
    }

    @Test
    void item33PmatchIsComponentWiseAndGlobStarCrossesSlashes() throws Exception {
        assertTrue(eval("fd.name pmatch (/var)", FakeEvent.with("fd.name", "/var/log/x")));
        assertFalse(eval("fd.name pmatch (/var)", FakeEvent.with("fd.name", "/variable")));
        assertTrue(eval("fd.name glob /var/*", FakeEvent.with("fd.name", "/var/log/x")));
    }

    @Test
    void item34OneofCountsDuplicatesAnyofDoesNot() throws Exception {
        FakeEvent event = FakeEvent.with("proc.name", "a");
        assertFalse(eval("proc.name == oneof (a, a)", event));
        assertTrue(eval("proc.name == anyof (a, a)", event));
    }

    @Test
    void item43OutputFieldsAreThePlainFieldsInsideTransformers() throws Exception {
        Expr expr = ConditionParser.parse("toupper(proc.aname[2]) = X");
        Operand left = ((Check) expr).left();
        CompiledOperand operand = compiler.compileOperand(left);
        assertEquals(List.of("proc.aname[2]"), operand.fields().stream().map(ResolvedField::text).toList());
    }
}
