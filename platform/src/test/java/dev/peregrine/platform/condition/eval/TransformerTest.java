package dev.peregrine.platform.condition.eval;

import static dev.peregrine.platform.condition.eval.Ast.check;
import static dev.peregrine.platform.condition.eval.Ast.field;
import static dev.peregrine.platform.condition.eval.Ast.lit;
import static dev.peregrine.platform.condition.eval.Ast.quoted;
import static dev.peregrine.platform.condition.eval.Ast.tr;
import static dev.peregrine.platform.condition.eval.Ast.trArg;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.FieldType;
import dev.peregrine.platform.condition.ast.Operand;
import dev.peregrine.platform.field.ResolvedField;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Transformers of §2.5: results, element-wise lists, nesting and type errors. */
class TransformerTest {

    private final FilterCompiler compiler = new FilterCompiler(new TestFieldCatalog(), ServiceNames.builtIn());

    private List<String> strings(Operand operand, FakeEvent event) throws ConditionCompileException {
        CompiledOperand compiled = compiler.compileOperand(operand);
        ValueBuffer out = new ValueBuffer();
        if (!compiled.extract(event, out)) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            values.add(out.stringAt(i));
        }
        return values;
    }

    private long number(Operand operand, FakeEvent event) throws ConditionCompileException {
        ValueBuffer out = new ValueBuffer();
        assertTrue(compiler.compileOperand(operand).extract(event, out));
        return out.longAt(0);
    }

    private String error(Operand operand) {
        return assertThrows(ConditionCompileException.class, () -> compiler.compileOperand(operand)).getMessage();
    }

    @Test
    void caseMappingIsAsciiOnlyAndWorksInConditions() throws Exception {
        FakeEvent event = FakeEvent.with("proc.name", "BaSh-É");
        assertEquals(List.of("bash-É"), strings(tr("tolower", field("proc.name")), event));
        assertEquals(List.of("BASH-É"), strings(tr("toupper", field("proc.name")), event));
        assertTrue(compiler.compile(check(tr("tolower", field("proc.name")), "=", lit("bash-É"))).matches(event));
    }

    @Test
    void transformersApplyElementWiseToLists() throws Exception {
        FakeEvent event = FakeEvent.with("proc.args", List.of("/A/B", "C"));
        CompiledOperand lower = compiler.compileOperand(tr("tolower", field("proc.args")));
        assertTrue(lower.list());
        assertEquals(List.of("/a/b", "c"), strings(tr("tolower", field("proc.args")), event));
        assertEquals(List.of("B", "C"), strings(tr("basename", field("proc.args")), event));
    }

    @Test
    void nestedTransformersComposeInnermostFirst() throws Exception {
        FakeEvent event = FakeEvent.with("fd.name", "/usr/BIN/Bash");
        assertEquals(List.of("BASH"), strings(tr("toupper", tr("basename", field("fd.name"))), event));
        assertEquals(4, number(tr("len", tr("basename", field("fd.name"))), event));
    }

    @Test
    void basenameReturnsTextAfterLastSlash() throws Exception {
        assertEquals(List.of(""), strings(tr("basename", field("fd.name")), FakeEvent.with("fd.name", "/etc/")));
        assertEquals(List.of("file"), strings(tr("basename", field("fd.name")), FakeEvent.with("fd.name", "file")));
    }

    @Test
    void base64DecodesWithOptionalPaddingAndInvalidInputHasNoValue() throws Exception {
        assertEquals(List.of("hello"), strings(tr("b64", field("proc.name")), FakeEvent.with("proc.name", "aGVsbG8=")));
        assertEquals(List.of("hello"), strings(tr("b64", field("proc.name")), FakeEvent.with("proc.name", "aGVsbG8")));
        assertEquals(null, strings(tr("b64", field("proc.name")), FakeEvent.with("proc.name", "not base64!")));
        assertFalse(compiler.compile(check(tr("b64", field("proc.name")), "!=", lit("x")))
                .matches(FakeEvent.with("proc.name", "%%%")), "a failed transformer makes the check false");
        CompiledOperand buffer = compiler.compileOperand(tr("b64", field("t.bytebuf")));
        assertEquals(FieldType.BYTEBUF, buffer.type());
        ValueBuffer out = new ValueBuffer();
        assertTrue(buffer.extract(FakeEvent.with("t.bytebuf", "AAEC"), out));
        assertEquals(3, out.bytesLength(0));
        assertEquals(2, out.bytesAt(0)[2]);
    }

    @Test
    void lenCountsBytesElementsAndTreatsMissingAsZero() throws Exception {
        assertEquals(5, number(tr("len", field("proc.name")), FakeEvent.with("proc.name", "hello")));
        assertEquals(2, number(tr("len", field("proc.name")), FakeEvent.with("proc.name", "é")), "UTF-8 bytes");
        assertEquals(3, number(tr("len", field("proc.args")), FakeEvent.with("proc.args", List.of("a", "b", "c"))));
        assertEquals(4, number(tr("len", field("t.bytebuf")), FakeEvent.with("t.bytebuf", new byte[4])));
        assertEquals(0, number(tr("len", field("proc.name")), FakeEvent.with()));
        CompiledOperand len = compiler.compileOperand(tr("len", field("proc.args")));
        assertEquals(FieldType.UINT64, len.type());
        assertFalse(len.list());
        assertTrue(compiler.compile(check(tr("len", field("proc.args")), ">", lit("2")))
                .matches(FakeEvent.with("proc.args", List.of("a", "b", "c"))));
    }

    @Test
    void joinAndConcatBuildStrings() throws Exception {
        FakeEvent event = FakeEvent.with("proc.args", List.of("-c", "id"), "proc.name", "sh", "proc.pname", "bash");
        assertEquals(List.of("-c id"), strings(tr("join", quoted(" "), field("proc.args")), event));
        assertEquals(List.of("bash>sh"),
                strings(tr("concat", field("proc.pname"), quoted(">"), field("proc.name")), event));
        assertEquals(null, strings(tr("concat", field("proc.pname"), field("jevt.value", "/x")), event),
                "a missing part leaves concat without a value");
    }

    @Test
    void getoptFindsOptionsAndTheirArguments() throws Exception {
        FakeEvent event = FakeEvent.with("proc.args", List.of("-x", "-c", "id; whoami", "file", "-vo", "out", "--", "-z"));
        assertEquals(List.of("id; whoami"), strings(trArg("getopt", "c", field("proc.args"), quoted("xc:vo:z")), event));
        assertEquals(List.of("out"), strings(trArg("getopt", "o", field("proc.args"), quoted("xc:vo:z")), event));
        assertEquals(List.of("x", "c", "v", "o"), strings(tr("getopt", field("proc.args"), quoted("xc:vo:z")), event));
        assertEquals(null, strings(trArg("getopt", "z", field("proc.args"), quoted("xc:vo:z")), event),
                "options after -- are not options");
        assertEquals(List.of(""), strings(trArg("getopt", "x", field("proc.args"), quoted("xc:vo:z")), event));
    }

    @Test
    void transformerTypeErrorsNameTypeTransformerAndField() {
        assertEquals("can't add field transformer: type 'UINT64' is not supported by 'toupper' transformer "
                + "applied on field 'evt.num'", error(tr("toupper", field("evt.num"))));
        assertEquals("can't add field transformer: type 'INT64' is not supported by 'basename' transformer "
                + "applied on field 'proc.pid'", error(tr("basename", field("proc.pid"))));
        assertEquals("can't add field transformer: type 'BOOL' is not supported by 'len' transformer "
                + "applied on field 't.bool'", error(tr("len", field("t.bool"))));
        assertEquals("can't add field transformer: type 'UINT64' is not supported by 'tolower' transformer "
                + "applied on field 'proc.name'", error(tr("tolower", tr("len", field("proc.name")))));
        assertEquals("can't add field transformer: type 'CHARBUF' is not supported by 'join' transformer "
                + "applied on field 'proc.name'", error(tr("join", quoted(","), field("proc.name"))));
    }

    @Test
    void onlyGetoptTakesABracketArgument() {
        assertEquals("filter error: transformer 'tolower' does not support field arguments",
                error(trArg("tolower", "x", field("proc.name"))));
    }

    @Test
    void dynamicFieldsDoNotSupportTransformers() {
        assertEquals("field 't.dynamic' does not support transformers", error(tr("tolower", field("t.dynamic"))));
    }

    @Test
    void operandsReportTheirTextAndThePlainFieldsInside() throws Exception {
        CompiledOperand operand = compiler.compileOperand(
                tr("concat", field("proc.aname", "2"), quoted("/"), tr("toupper", field("proc.name"))));
        assertEquals("concat(proc.aname[2], \"/\", toupper(proc.name))", operand.text());
        assertEquals(List.of("proc.aname[2]", "proc.name"), operand.fields().stream().map(ResolvedField::text).toList());
    }
}
