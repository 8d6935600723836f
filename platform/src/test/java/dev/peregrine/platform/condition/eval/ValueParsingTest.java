package dev.peregrine.platform.condition.eval;

import static dev.peregrine.platform.condition.eval.Ast.check;
import static dev.peregrine.platform.condition.eval.Ast.in;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.platform.condition.ast.Expr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compile-time parsing of constants into the field's type, with Falco's messages (§3.4). */
class ValueParsingTest {

    private final FilterCompiler compiler = new FilterCompiler(new TestFieldCatalog(), ServiceNames.builtIn());

    private String error(Expr expr) {
        return assertThrows(ConditionCompileException.class, () -> compiler.compile(expr)).getMessage();
    }

    @ParameterizedTest
    @CsvSource({"0x10", "1.5", "12a", "''", "-", "1e3"})
    void integersAcceptDecimalOnly(String value) {
        assertEquals(value + " is not a valid number", error(check("t.int64", "=", value)));
    }

    @Test
    void unknownFieldMessagePassesThroughFromTheCatalogue() {
        assertEquals("filter_check called with nonexistent field proc.nobody", error(check("proc.nobody", "=", "cat")));
    }

    @Test
    void numbersAreTruncatedToTheFieldWidth() throws Exception {
        assertTrue(compiler.compile(check("t.uint8", "=", "257")).matches(FakeEvent.with("t.uint8", 1L)));
        assertTrue(compiler.compile(check("t.int8", "=", "255")).matches(FakeEvent.with("t.int8", -1L)));
        assertTrue(compiler.compile(check("t.uint16", "=", "65537")).matches(FakeEvent.with("t.uint16", 1L)));
        assertTrue(compiler.compile(check("t.uint32", "=", "-1")).matches(FakeEvent.with("t.uint32", 0xFFFF_FFFFL)));
    }

    @Test
    void doublesParseTheirConstantAsA32BitInteger() throws Exception {
        assertEquals("1.5 is not a valid number", error(check("t.double", "=", "1.5")));
        assertTrue(compiler.compile(check("t.double", "=", "4294967298")).matches(FakeEvent.with("t.double", 2.0)));
    }

    @Test
    void portsAcceptNumbersAndServiceNames() {
        assertEquals("unrecognized protocol nosuchservice", error(check("t.port", "=", "nosuchservice")));
        assertDoesNotThrow(() -> compiler.compile(check("t.port", "=", "ssh")));
        assertDoesNotThrow(() -> compiler.compile(check("t.port", "=", "8080")));
    }

    @Test
    void booleansAcceptOnlyTrueAndFalse() {
        assertEquals("filter error: unrecognized boolean value TRUE", error(check("t.bool", "=", "TRUE")));
        assertEquals("filter error: unrecognized boolean value 1", error(check("t.bool", "=", "1")));
    }

    @Test
    void addressesAndNetworksReportMalformedValues() {
        assertEquals("unrecognized IPv4 address 10.0.0.256", error(check("t.ipaddr", "=", "10.0.0.256")));
        assertEquals("unrecognized IPv4 address 10.0.0", error(check("t.ipv4addr", "=", "10.0.0")));
        assertEquals("unrecognized IPv6 address fe80:::1", error(check("t.ipaddr", "=", "fe80:::1")));
        assertEquals("unrecognized IP network 10.0.0.1", error(check("t.ipnet", "=", "10.0.0.1")));
        assertEquals("invalid netmask 33", error(check("t.ipnet", "=", "10.0.0.0/33")));
        assertDoesNotThrow(() -> compiler.compile(check("t.ipaddr", "=", "::1")));
        assertDoesNotThrow(() -> compiler.compile(check("t.ipaddr", "=", "2001:db8:0:0:1:0:0:1")));
        assertDoesNotThrow(() -> compiler.compile(check("t.ipnet", "=", "fe80::/10")));
    }

    @Test
    void binaryOperatorsNeedEvenLengthHex() {
        String message = "filter error: bcontains and bstartswith operator support hex strings only";
        assertEquals(message, error(check("t.bytebuf", "bcontains", "abc")));
        assertEquals(message, error(check("t.bytebuf", "bstartswith", "zz")));
    }

    @Test
    void stringValuesCannotContainNul() {
        assertEquals("filter error: filter value cannot contain a NUL byte (\\x00)", error(check("proc.name", "=", "a\0b")));
    }

    @Test
    void eventTypeValuesMustBeKnownEventNames() throws Exception {
        assertEquals("unknown event type nosuch", error(check("evt.type", "=", "nosuch")));
        assertEquals("unknown event type list_a", error(in("evt.type", "in", "execve", "list_a")));
        assertTrue(compiler.compile(in("evt.type", "in", "open", "execve")).matches(FakeEvent.with("evt.type", "open")));
        FilterCompiler noTypes = new FilterCompiler(new TestFieldCatalog(false), ServiceNames.builtIn());
        assertFalse(noTypes.compile(check("evt.type", "=", "nosuch")).matches(FakeEvent.with("evt.type", "open")),
                "without an event-type catalogue any name is accepted");
    }

    @Test
    void operatorAndModifierNamesAreValidated() {
        assertEquals("unrecognized filter comparison operator 'like'", error(check("proc.name", "like", "x")));
    }
}
