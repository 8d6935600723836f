package dev.peregrine.platform.condition.eval;

import static dev.peregrine.platform.condition.eval.Ast.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.FieldType;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text and JSON rendering of extracted values (§5.2). */
class ValueRendererTest {

    private final FilterCompiler compiler = new FilterCompiler(new TestFieldCatalog(), ServiceNames.builtIn());
    private final ValueRenderer renderer = new ValueRenderer();

    private String text(String field, FakeEvent event) throws ConditionCompileException {
        CompiledOperand operand = compiler.compileOperand(field(field));
        ValueBuffer out = new ValueBuffer();
        operand.extract(event, out);
        return renderer.text(operand, out);
    }

    private Object json(String field, FakeEvent event) throws ConditionCompileException {
        CompiledOperand operand = compiler.compileOperand(field(field));
        ValueBuffer out = new ValueBuffer();
        operand.extract(event, out);
        return renderer.json(operand, out);
    }

    @Test
    void scalarsPrintAsFalcoPrintsThem() throws Exception {
        assertEquals("bash", text("proc.name", FakeEvent.with("proc.name", "bash")));
        assertEquals("-3", text("t.int64", FakeEvent.with("t.int64", -3L)));
        assertEquals("18446744073709551615", text("t.uint64", FakeEvent.with("t.uint64", -1L)));
        assertEquals("true", text("t.bool", FakeEvent.with("t.bool", true)));
        assertEquals("2.5", text("t.double", FakeEvent.with("t.double", 2.46)));
        assertEquals("10.1.2.3", text("t.ipaddr", FakeEvent.with("t.ipaddr", "10.1.2.3")));
        assertEquals("<IPNET>", text("t.ipnet", FakeEvent.with("t.ipnet", "10.1.2.3")));
        assertEquals("GET ..", text("t.bytebuf", FakeEvent.with("t.bytebuf", new byte[] {'G', 'E', 'T', ' ', 0, 10})));
    }

    @Test
    void ipv6PrintsInCompressedStandardForm() throws Exception {
        assertEquals("2001:db8::1", text("t.ipaddr", FakeEvent.with("t.ipaddr", "2001:0db8:0:0:0:0:0:1")));
        assertEquals("::1", text("t.ipaddr", FakeEvent.with("t.ipaddr", "::1")));
        assertEquals("::", text("t.ipaddr", FakeEvent.with("t.ipaddr", "::")));
        assertEquals("fe80::1:0:0:2", text("t.ipaddr", FakeEvent.with("t.ipaddr", "fe80:0:0:0:1:0:0:2")));
        assertEquals("::ffff:10.0.0.1", text("t.ipaddr", FakeEvent.with("t.ipaddr", "::ffff:10.0.0.1")));
        assertEquals("1:0:2::", text("t.ipaddr", FakeEvent.with("t.ipaddr", "1:0:2:0:0:0:0:0")));
    }

    @Test
    void listsPrintInParenthesesAndMissingValuesAsNa() throws Exception {
        assertEquals("(a,b,c)", text("proc.args", FakeEvent.with("proc.args", List.of("a", "b", "c"))));
        assertEquals("()", text("proc.args", FakeEvent.with("proc.args", List.of())));
        assertEquals("(1,2)", text("t.uint64s", FakeEvent.with("t.uint64s", List.of(1L, 2L))));
        assertEquals("<NA>", text("proc.name", FakeEvent.with()));
    }

    @Test
    void extractedRenderingDistinguishesMissingFromEmptyLists() throws Exception {
        CompiledOperand args = compiler.compileOperand(field("proc.args"));
        ValueBuffer scratch = new ValueBuffer();
        StringBuilder out = new StringBuilder();
        renderer.appendExtracted(args, FakeEvent.with(), scratch, out);
        out.append(' ');
        renderer.appendExtracted(args, FakeEvent.with("proc.args", List.of()), scratch, out);
        assertEquals("<NA> ()", out.toString());
        assertNull(renderer.extractJson(args, FakeEvent.with(), scratch));
        assertEquals(List.of(), renderer.extractJson(args, FakeEvent.with("proc.args", List.of()), scratch));
    }

    @Test
    void jsonValuesAreTyped() throws Exception {
        assertEquals(7L, json("proc.pid", FakeEvent.with("proc.pid", 7L)));
        assertEquals(new BigInteger("18446744073709551615"), json("t.uint64", FakeEvent.with("t.uint64", -1L)));
        assertEquals(Boolean.FALSE, json("t.bool", FakeEvent.with("t.bool", false)));
        assertEquals(2.5, json("t.double", FakeEvent.with("t.double", 2.5)));
        assertEquals("10.0.0.1", json("t.ipaddr", FakeEvent.with("t.ipaddr", "10.0.0.1")));
        assertEquals(List.of("a", "b"), json("proc.args", FakeEvent.with("proc.args", List.of("a", "b"))));
        assertEquals(List.of(1L, 2L), json("t.uint64s", FakeEvent.with("t.uint64s", List.of(1L, 2L))));
        assertNull(json("proc.name", FakeEvent.with()));
    }

    @Test
    void valueBufferIsReusedAcrossResets() {
        ValueBuffer buffer = new ValueBuffer();
        for (int k = 0; k < 10; k++) {
            buffer.addBytes(new byte[] {1, 2, 3}, 1, 2);
        }
        byte[] storage = buffer.bytesAt(3);
        buffer.reset();
        assertTrue(buffer.isEmpty());
        buffer.addLong(1);
        buffer.addLong(2);
        buffer.addLong(3);
        buffer.addAddress(new byte[] {10, 0, 0, 1});
        assertEquals(4, buffer.size());
        assertTrue(storage == buffer.bytesAt(3), "byte storage is kept across resets");
        assertEquals(4, buffer.bytesLength(3));
        assertFalse(buffer.booleanAt(3));
        StringBuilder out = new StringBuilder();
        renderer.appendText(FieldType.IPV4ADDR, false, sub(buffer, 3), out);
        assertEquals("10.0.0.1", out.toString());
    }

    private static ValueBuffer sub(ValueBuffer buffer, int index) {
        ValueBuffer one = new ValueBuffer();
        one.addFrom(buffer, index);
        return one;
    }
}
