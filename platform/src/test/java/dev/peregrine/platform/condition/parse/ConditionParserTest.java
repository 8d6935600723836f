package dev.peregrine.platform.condition.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.peregrine.platform.condition.ast.And;
import dev.peregrine.platform.condition.ast.Check;
import dev.peregrine.platform.condition.ast.Literal;
import dev.peregrine.platform.condition.ast.Not;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionParserTest {

    static Stream<Arguments> validConditions() {
        return Stream.of(
                // checks, blanks and operators
                Arguments.of("proc.name=cat", "[proc.name = cat]"),
                Arguments.of("  proc.name = cat  ", "[proc.name = cat]"),
                Arguments.of("proc.name==cat", "[proc.name == cat]"),
                Arguments.of("proc.name!=cat", "[proc.name != cat]"),
                Arguments.of("fd.num>=0", "[fd.num >= 0]"),
                Arguments.of("fd.num<=10", "[fd.num <= 10]"),
                Arguments.of("fd.num<10", "[fd.num < 10]"),
                Arguments.of("fd.num>-1.5e+3", "[fd.num > -1.5e+3]"),
                Arguments.of("fd.num > 0x1F", "[fd.num > 0x1F]"),
                Arguments.of("proc.name exists", "[proc.name exists]"),
                Arguments.of("proc.name contains foo", "[proc.name contains foo]"),
                Arguments.of("proc.name icontains foo", "[proc.name icontains foo]"),
                Arguments.of("proc.name bcontains 666f", "[proc.name bcontains 666f]"),
                Arguments.of("proc.name startswith /usr", "[proc.name startswith /usr]"),
                Arguments.of("proc.name bstartswith 2f", "[proc.name bstartswith 2f]"),
                Arguments.of("fd.name endswith .log", "[fd.name endswith .log]"),
                Arguments.of("fd.name glob /tmp/*", "[fd.name glob /tmp/*]"),
                Arguments.of("fd.name iglob /TMP/*", "[fd.name iglob /TMP/*]"),
                Arguments.of("proc.name regex '^c.t$'", "[proc.name regex \"^c.t$\"]"),
                Arguments.of("proc.name\tcontains\nfoo", "[proc.name contains foo]"),
                Arguments.of("proc.name = <", "[proc.name = <]"),
                Arguments.of("proc.name = a.b", "[proc.name = a.b]"),
                // the right side of = is a literal even when it looks like a field
                Arguments.of("proc.name = proc.pname", "[proc.name = proc.pname]"),
                // list operators need no blanks; a bare identifier is a one-item list
                Arguments.of("proc.name in (a, \"b c\", 3)", "[proc.name in (a, \"b c\", 3)]"),
                Arguments.of("proc.name in()", "[proc.name in ()]"),
                Arguments.of("proc.name in ( )", "[proc.name in ()]"),
                Arguments.of("proc.name in (a ,b)", "[proc.name in (a, b)]"),
                Arguments.of("proc.name in my_list", "[proc.name in (my_list)]"),
                Arguments.of("proc.name inmy_list", "[proc.name in (my_list)]"),
                Arguments.of("proc.args intersects (a)", "[proc.args intersects (a)]"),
                Arguments.of("fd.name pmatch (/var, /tmp)", "[fd.name pmatch (/var, /tmp)]"),
                // field arguments
                Arguments.of("proc.aname[2]=sh", "[proc.aname<2> = sh]"),
                Arguments.of("jevt.value[/stage]=x", "[jevt.value</stage> = x]"),
                Arguments.of("evt.arg[\"a b\"] exists", "[evt.arg<a b> exists]"),
                Arguments.of("evt.arg.flags contains O_RDWR", "[evt.arg.flags contains O_RDWR]"),
                // boolean structure
                Arguments.of("a or b and c", "or(@a, and(@b, @c))"),
                Arguments.of("a and b and c", "and(@a, @b, @c)"),
                Arguments.of("a or b or c", "or(@a, @b, @c)"),
                Arguments.of("(a or b) and c", "and(or(@a, @b), @c)"),
                Arguments.of("a and(b or c)", "and(@a, or(@b, @c))"),
                Arguments.of("a or(b)", "or(@a, @b)"),
                Arguments.of("a or(b) or c", "or(@a, @b, @c)"),
                Arguments.of("a or (b) and c", "or(@a, and(@b, @c))"),
                Arguments.of("a and(b) and c", "and(@a, @b, @c)"),
                Arguments.of("a and(b) or c", "or(and(@a, @b), @c)"),
                Arguments.of("not a", "not(@a)"),
                Arguments.of("not not a", "@a"),
                Arguments.of("not not not a", "not(@a)"),
                Arguments.of("not(a)", "not(@a)"),
                Arguments.of("not not(a)", "@a"),
                Arguments.of("not (not a)", "not(not(@a))"),
                Arguments.of("not a and b", "and(not(@a), @b)"),
                Arguments.of("notb", "@notb"),
                Arguments.of("and_macro and not_macro", "and(@and_macro, @not_macro)"),
                Arguments.of("((a))", "@a"),
                Arguments.of("(a)and(b)", "and(@a, @b)"),
                Arguments.of("proc.name=cat and\nfd.num=1", "and([proc.name = cat], [fd.num = 1])"),
                // modifiers
                Arguments.of("proc.name = oneof (a, b)", "[proc.name = oneof (a, b)]"),
                Arguments.of("proc.name == anyof (a, a)", "[proc.name == anyof (a, a)]"),
                Arguments.of("proc.name != allof my_list", "[proc.name != allof (my_list)]"),
                Arguments.of("proc.name contains oneof (a)", "[proc.name contains oneof (a)]"),
                Arguments.of("proc.name = oneof and x", "and([proc.name = oneof], @x)"),
                Arguments.of("proc.name =oneof", "[proc.name = oneof]"),
                Arguments.of("proc.name = oneof", "[proc.name = oneof]"),
                // transformers and field values
                Arguments.of("tolower(proc.name) = bash", "[tolower(proc.name) = bash]"),
                Arguments.of("toupper( proc.name )=BASH", "[toupper(proc.name) = BASH]"),
                Arguments.of("b64(evt.buffer) contains x", "[b64(evt.buffer) contains x]"),
                Arguments.of("len(proc.args) > 3", "[len(proc.args) > 3]"),
                Arguments.of("basename(fd.name) = x", "[basename(fd.name) = x]"),
                Arguments.of("tolower(basename(fd.name)) = x", "[tolower(basename(fd.name)) = x]"),
                Arguments.of("join(\",\", proc.args) = \"a,b\"", "[join(\",\", proc.args) = \"a,b\"]"),
                Arguments.of("concat(proc.name, \"-\", 1) = a", "[concat(proc.name, \"-\", 1) = a]"),
                Arguments.of("join(\",\", (proc.name, tolower(proc.pname), 'x', 2)) = a",
                        "[join(\",\", (proc.name, tolower(proc.pname), \"x\", 2)) = a]"),
                Arguments.of("join(\",\", ()) = a", "[join(\",\", ()) = a]"),
                Arguments.of("getopt(proc.args, \"ab:\")[b] = x", "[getopt(proc.args, \"ab:\")<b> = x]"),
                Arguments.of("proc.name = val(proc.pname)", "[proc.name = val(proc.pname)]"),
                Arguments.of("proc.name = val( proc.pname )", "[proc.name = val(proc.pname)]"),
                Arguments.of("proc.name=tolower(proc.pname)", "[proc.name = tolower(proc.pname)]"),
                Arguments.of("fd.num > len(proc.args)", "[fd.num > len(proc.args)]"),
                Arguments.of("proc.name in val(proc.pname)", "[proc.name in val(proc.pname)]"),
                Arguments.of("proc.name in tolower(proc.pname)", "[proc.name in tolower(proc.pname)]"),
                Arguments.of("proc.name = val", "[proc.name = val]"),
                Arguments.of("tolowerx", "@tolowerx"),
                // escapes
                Arguments.of("proc.name = \"a\\x41\"", "[proc.name = \"aA\"]"),
                Arguments.of("proc.name = \"a\\\"b\"", "[proc.name = \"a\"b\"]"),
                Arguments.of("proc.name = 'a\\'b'", "[proc.name = \"a'b\"]"),
                Arguments.of("proc.name = \"\\t\\n\\/\\\\x\"", "[proc.name = \"\t\n/\\x\"]"),
                // a closing quote right after a backslash does not close the string
                Arguments.of("proc.name = \"a\\\\\" or b\"", "[proc.name = \"a\\\" or b\"]"),
                Arguments.of("proc.name = \"a\\ b\"", "[proc.name = \"a\\b\"]"),
                Arguments.of("proc.name = ''", "[proc.name = \"\"]"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validConditions")
    void validConditionParsesToExpectedAst(String condition, String expected) throws Exception {
        assertEquals(expected, AstText.of(ConditionParser.parse(condition)));
    }

    static Stream<Arguments> invalidConditions() {
        String transformers = "'val', 'tolower', 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'";
        String operators = "'exists', '<=', '<', '>=', '>', '==', '=', '!=', 'glob', 'iglob', 'contains', "
                + "'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'regex', 'intersects', "
                + "'in', 'pmatch'";
        return Stream.of(
                Arguments.of("", "filter input string is empty"),
                Arguments.of("   ", "expected a '(' token, a field check, or an identifier"),
                Arguments.of("evt.type=execve foo", "unexpected token after 'execve', expecting 'or', 'and'"),
                Arguments.of("evt.type=execve and evt.type=open bar",
                        "unexpected token after 'open', expecting 'or', 'and'"),
                Arguments.of("a andb", "expected blank or '(' after 'and'"),
                Arguments.of("a orb", "expected blank or '(' after 'or'"),
                Arguments.of("a and", "expected blank or '(' after 'and'"),
                Arguments.of("a and ", "expected a '(' token, a field check, or an identifier"),
                Arguments.of("a and )", "expected a '(' token, a field check, or an identifier"),
                Arguments.of("(a", "expected a ')' token"),
                Arguments.of("(a b", "expected a ')' token"),
                Arguments.of("a)", "unexpected token after 'a', expecting 'or', 'and'"),
                Arguments.of("proc.name = \"a b\" c", "unexpected token after 'a b', expecting 'or', 'and'"),
                Arguments.of("proc.name in (a) b", "unexpected token after ')', expecting 'or', 'and'"),
                Arguments.of("proc.name exists x", "unexpected token after 'exists', expecting 'or', 'and'"),
                Arguments.of("fd.num > 0x", "unexpected token after '0', expecting 'or', 'and'"),
                // Falco parses the group of "or(" inside its or-loop, so no "and" may follow it
                Arguments.of("a or(b) and c", "unexpected token after ')', expecting 'or', 'and'"),
                Arguments.of("(a or(b) and c)", "expected a ')' token"),
                Arguments.of("proc.name", "expected a valid check operator: one of " + operators),
                Arguments.of("proc.name containsx", "expected a valid check operator: one of " + operators),
                Arguments.of("proc.name ~ x", "expected a valid check operator: one of " + operators),
                Arguments.of("proc.name=", "expected a string value or a field with a valid transformer: "
                        + transformers),
                Arguments.of("proc.name = \"abc", "expected a string value or a field with a valid transformer: "
                        + transformers),
                Arguments.of("fd.num > abc", "expected a number value or a field with a valid transformer: "
                        + transformers),
                Arguments.of("proc.name in /tmp", "expected a list, an identifier, or a field with a valid "
                        + "transformer: " + transformers),
                Arguments.of("proc.name in (a,)", "expected a string value"),
                Arguments.of("proc.name in (,a)", "expected a ')' token"),
                Arguments.of("proc.name in (a b)", "expected a ')' token"),
                Arguments.of("proc.name in (a", "expected a ')' token"),
                Arguments.of("proc.aname[]=x", "expected a valid field argument: a quoted string or a bare string"),
                Arguments.of("proc.aname[2=x", "expected a ']' token"),
                Arguments.of("proc.aname [2]=x", "expected a valid check operator: one of " + operators),
                Arguments.of("val(proc.name) = x", "unexpected token after 'val', expecting 'or', 'and'"),
                Arguments.of("proc.name = val(x)", "expected a field within 'val' transformer"),
                Arguments.of("proc.name = val(proc.pname", "expected a ')' token closing the transformer"),
                Arguments.of("tolower(proc.name = x", "expected a ')' token closing the transformer"),
                Arguments.of("tolower() = x", "expected field transformer argument: field, transformer, "
                        + "quoted string, number, or transformer list"),
                Arguments.of("tolower(bash) = x", "expected field transformer argument: field, transformer, "
                        + "quoted string, number, or transformer list"),
                Arguments.of("join(\",\", (a)) = x", "expected transformer list argument: field, transformer, "
                        + "quoted string, or number"),
                Arguments.of("join(\",\", (proc.name proc.pname)) = x", "expected ')'"),
                Arguments.of("tolower (proc.name) = x", "unexpected token after 'tolower', expecting 'or', 'and'"),
                // escapes
                Arguments.of("proc.name = \"\\q\"", "unsupported string escape sequence: \\q"),
                Arguments.of("proc.name = '\\\"'", "invalid \\\" escape in '-quoted string"),
                Arguments.of("proc.name = \"\\'\"", "invalid \\' escape in \"-quoted string"),
                Arguments.of("proc.name = \"\\x4\"", "truncated hex char escape sequence"),
                Arguments.of("proc.name = \"\\xZZ\"", "invalid hex char escape sequence: ZZ"),
                Arguments.of("proc.name in (a, \"\\q\")", "unsupported string escape sequence: \\q"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidConditions")
    void invalidConditionFailsWithFalcoMessage(String condition, String message) {
        ConditionSyntaxException e = assertThrows(ConditionSyntaxException.class,
                () -> ConditionParser.parse(condition));
        assertEquals(message, e.getMessage());
    }

    @Test
    void errorPositionIsWhereFalcoStoppedCountingLinesAndColumnsFromOne() {
        ConditionSyntaxException e = assertThrows(ConditionSyntaxException.class,
                () -> ConditionParser.parse("evt.type=execve and\n  foo bar"));
        assertEquals(26, e.offset());
        assertEquals(2, e.line());
        assertEquals(7, e.column());
        assertEquals("unexpected token after 'foo', expecting 'or', 'and'", e.getMessage());
    }

    @Test
    void andAfterWordPositionIsRightAfterTheKeyword() {
        ConditionSyntaxException e = assertThrows(ConditionSyntaxException.class,
                () -> ConditionParser.parse("a andb"));
        assertEquals(5, e.offset());
    }

    @Test
    void fieldArgumentErrorsPointRightAfterTheBracketOrTheArgument() {
        ConditionSyntaxException missing = assertThrows(ConditionSyntaxException.class,
                () -> ConditionParser.parse("proc.aname[]=x"));
        assertEquals(11, missing.offset());
        ConditionSyntaxException unclosed = assertThrows(ConditionSyntaxException.class,
                () -> ConditionParser.parse("proc.aname[12 =x"));
        assertEquals(13, unclosed.offset());
    }

    @Test
    void operandPrefixStopsAfterTheFieldOrTransformer() throws Exception {
        OperandPrefix field = ConditionParser.parseOperandPrefix("proc.aname[2] rest");
        assertEquals("proc.aname<2>", AstText.arg(field.operand()));
        assertEquals(13, field.length());
        OperandPrefix transformer = ConditionParser.parseOperandPrefix("toupper( proc.name )and");
        assertEquals("toupper(proc.name)", AstText.arg(transformer.operand()));
        assertEquals(20, transformer.length());
    }

    @Test
    void operandPrefixRejectsTextThatIsNoFieldWithFalcoMessage() {
        ConditionSyntaxException e = assertThrows(ConditionSyntaxException.class,
                () -> ConditionParser.parseOperandPrefix("not_a_real_field"));
        assertEquals("unexpected token after '", e.getMessage());
    }

    @Test
    void checkOffsetsPointAtTheirFirstCharacter() throws Exception {
        And and = assertInstanceOf(And.class, ConditionParser.parse("a and  not proc.name = \"x\""));
        Not not = assertInstanceOf(Not.class, and.children().get(1));
        assertEquals(7, not.offset());
        Check check = assertInstanceOf(Check.class, not.child());
        assertEquals(11, check.offset());
        Literal right = assertInstanceOf(Literal.class, check.right());
        assertEquals(23, right.offset());
        assertEquals(true, right.quoted());
    }

    @Test
    void hexEscapeYieldsTheRawByteAsAChar() throws Exception {
        Check check = (Check) ConditionParser.parse("evt.buffer bcontains \"\\xff\\x00\"");
        assertEquals("\u00ff\u0000", ((Literal) check.right()).text());
    }

    @Test
    void hexEscapesFormingUtf8DecodeToTheSameTextAsTheLiteralCharacters() throws Exception {
        Check check = (Check) ConditionParser.parse("fd.name = \"caf\\xc3\\xa9 \\x41\"");
        assertEquals("caf\u00e9 A", ((Literal) check.right()).text());
    }

    @Test
    void badlyEscapedLoneFirstListItemIsDroppedLikeFalcoDoes() throws Exception {
        assertEquals("[proc.name in ()]", AstText.of(ConditionParser.parse("proc.name in (\"\\q\")")));
    }

    @Test
    void wordOperatorWithoutBlankFallsThroughToListOperatorsLikeFalco() throws Exception {
        assertEquals("[proc.name in (a)]", AstText.of(ConditionParser.parse("proc.name containsin (a)")));
    }

    @Test
    void nestingWithinTheDepthLimitParses() throws Exception {
        String condition = "(".repeat(150) + "a" + ")".repeat(150);
        assertEquals("@a", AstText.of(ConditionParser.parse(condition)));
    }

    @Test
    void nestingBeyondTheDepthLimitFails() {
        String condition = "(".repeat(250) + "a" + ")".repeat(250);
        ConditionSyntaxException e = assertThrows(ConditionSyntaxException.class,
                () -> ConditionParser.parse(condition));
        assertEquals("exceeded max depth limit of 1000", e.getMessage());
    }

    @Test
    void depthLimitFollowsFalcoFrameCountExactly() throws Exception {
        // Each "(" adds five parser frames to the depth of the check at top level (4); the innermost
        // check frame must stay below 1000, and a field check needs three more frames for its value.
        String ok = "(".repeat(199) + "a" + ")".repeat(199);
        ConditionParser.parse(ok);
        String checkOk = "(".repeat(198) + "a.b = c" + ")".repeat(198);
        ConditionParser.parse(checkOk);
        String tooDeep = "(".repeat(200) + "a" + ")".repeat(200);
        assertThrows(ConditionSyntaxException.class, () -> ConditionParser.parse(tooDeep));
        String checkTooDeep = "(".repeat(199) + "a.b = c" + ")".repeat(199);
        assertThrows(ConditionSyntaxException.class, () -> ConditionParser.parse(checkTooDeep));
    }
}
