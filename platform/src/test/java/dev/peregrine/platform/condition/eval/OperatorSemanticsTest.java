package dev.peregrine.platform.condition.eval;

import static dev.peregrine.platform.condition.eval.Ast.and;
import static dev.peregrine.platform.condition.eval.Ast.check;
import static dev.peregrine.platform.condition.eval.Ast.exists;
import static dev.peregrine.platform.condition.eval.Ast.field;
import static dev.peregrine.platform.condition.eval.Ast.in;
import static dev.peregrine.platform.condition.eval.Ast.modified;
import static dev.peregrine.platform.condition.eval.Ast.not;
import static dev.peregrine.platform.condition.eval.Ast.or;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.platform.condition.ast.Expr;
import dev.peregrine.platform.condition.ast.MacroRef;
import dev.peregrine.platform.field.ResolvedField;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operator semantics of §3.3 and §3.5, including the checklist examples of §8. */
class OperatorSemanticsTest {

    private final FilterCompiler compiler = new FilterCompiler(new TestFieldCatalog(), ServiceNames.builtIn());

    private boolean eval(Expr expr, FakeEvent event) throws ConditionCompileException {
        return compiler.compile(expr).matches(event);
    }

    @Test
    void missingFieldMakesEveryCheckFalseIncludingNotEqualAndExists() throws Exception {
        FakeEvent empty = FakeEvent.with();
        assertFalse(eval(check("proc.name", "!=", "x"), empty));
        assertFalse(eval(check("proc.name", "=", "x"), empty));
        assertFalse(eval(exists(field("proc.name")), empty));
        assertFalse(eval(in("proc.name", "in", "a", "b"), empty));
        assertFalse(eval(check("t.int64", "<", "5"), empty));
        assertTrue(eval(not(check("proc.name", "=", "x")), empty), "not f = x is true when f is missing");
    }

    @Test
    void andOrShortCircuitLeftToRight() throws Exception {
        int[] reads = new int[1];
        TestFieldCatalog base = new TestFieldCatalog();
        FieldSpec counted = FieldSpec.of("c.count", FieldType.STRING, "counts reads");
        FieldHandle handle = (event, out) -> {
            reads[0]++;
            out.addString("x");
            return true;
        };
        FilterCompiler counting = new FilterCompiler(new DelegatingCatalog(base,
                new ResolvedField("c.count", counted, dev.peregrine.api.FieldArgument.none(), handle, "test")),
                ServiceNames.builtIn());
        FakeEvent event = FakeEvent.with("proc.name", "bash");
        assertFalse(counting.compile(and(check("proc.name", "=", "sh"), check("c.count", "=", "x"))).matches(event));
        assertEquals(0, reads[0], "and stops at the first false child");
        assertTrue(counting.compile(or(check("proc.name", "=", "bash"), check("c.count", "=", "x"))).matches(event));
        assertEquals(0, reads[0], "or stops at the first true child");
        assertTrue(counting.compile(or(check("proc.name", "=", "sh"), check("c.count", "=", "x"))).matches(event));
        assertEquals(1, reads[0]);
    }

    @Test
    void macroReferenceReachingTheCompilerIsABug() {
        assertThrows(IllegalStateException.class, () -> compiler.compile(new MacroRef("spawned_process", 0)));
    }

    @Test
    void stringEqualityAndOrderingCompareBytes() throws Exception {
        FakeEvent event = FakeEvent.with("proc.name", "bash");
        assertTrue(eval(check("proc.name", "=", "bash"), event));
        assertTrue(eval(check("proc.name", "==", "bash"), event));
        assertFalse(eval(check("proc.name", "=", "Bash"), event));
        assertTrue(eval(check("proc.name", "!=", "Bash"), event));
        assertTrue(eval(check("proc.name", "<", "bz"), event));
        assertTrue(eval(check("proc.name", ">", "B"), event), "lowercase sorts after uppercase in bytes");
        assertTrue(eval(check("proc.name", "<=", "bash"), event));
        assertFalse(eval(check("proc.name", ">=", "bashx"), event));
        assertTrue(eval(check("proc.name", "<", "\uD83D\uDE00"), FakeEvent.with("proc.name", "\uFFFD")),
                "U+FFFD (EF BF BD) sorts before an emoji (F0 ...) in UTF-8 bytes");
    }

    @Test
    void containsStartswithEndswithAndAsciiOnlyIcontains() throws Exception {
        FakeEvent event = FakeEvent.with("proc.name", "MyProcÉ");
        assertTrue(eval(check("proc.name", "contains", "Proc"), event));
        assertFalse(eval(check("proc.name", "contains", "proc"), event));
        assertTrue(eval(check("proc.name", "icontains", "mypROC"), event));
        assertFalse(eval(check("proc.name", "icontains", "é"), event), "icontains folds ASCII letters only");
        assertTrue(eval(check("proc.name", "startswith", "My"), event));
        assertFalse(eval(check("proc.name", "startswith", "my"), event));
        assertTrue(eval(check("proc.name", "endswith", "ocÉ"), event));
    }

    @Test
    void stringValueEndsAtItsFirstNul() throws Exception {
        assertTrue(eval(check("proc.name", "=", "ab"), FakeEvent.with("proc.name", "ab\0cd")));
    }

    @Test
    void numbersCompareNumerically() throws Exception {
        FakeEvent event = FakeEvent.with("t.int64", -5L, "t.uint64", -1L, "t.double", 2.5, "t.int32", 7L);
        assertTrue(eval(check("t.int64", "<", "0"), event));
        assertTrue(eval(check("t.int64", "=", "-5"), event));
        assertTrue(eval(check("t.int64", "!=", "5"), event));
        assertTrue(eval(check("t.uint64", ">", "100"), event), "uint64 max is above 100 (unsigned)");
        assertTrue(eval(check("t.uint64", "=", "18446744073709551615"), event));
        assertTrue(eval(check("t.double", ">", "2"), event));
        assertTrue(eval(check("t.double", "<", "3"), event));
        assertTrue(eval(in("t.int32", "in", "1", "7"), event));
        assertFalse(eval(in("t.int32", "in", "1", "8"), event));
        assertTrue(eval(check("t.int32", ">=", "7"), event));
        assertTrue(eval(check("t.int32", "<=", "+7"), event));
    }

    @Test
    void boolAndPortComparisons() throws Exception {
        FakeEvent event = FakeEvent.with("t.bool", true, "t.port", 80L);
        assertTrue(eval(check("t.bool", "=", "true"), event));
        assertTrue(eval(check("t.bool", "!=", "false"), event));
        assertTrue(eval(check("t.port", "=", "http"), event), "ports accept service names");
        assertTrue(eval(in("t.port", "in", "https", "http"), event));
        assertFalse(eval(check("t.port", "=", "https"), event));
    }

    @Test
    void ipv4AndIpv6AddressesAreNeverEqual() throws Exception {
        FakeEvent v4 = FakeEvent.with("t.ipaddr", "10.0.0.1");
        FakeEvent v6 = FakeEvent.with("t.ipaddr", "::ffff:10.0.0.1");
        assertTrue(eval(check("t.ipaddr", "=", "10.0.0.1"), v4));
        assertFalse(eval(check("t.ipaddr", "=", "10.0.0.1"), v6));
        assertTrue(eval(check("t.ipaddr", "!=", "10.0.0.1"), v6));
        assertTrue(eval(check("t.ipaddr", "=", "::ffff:10.0.0.1"), v6));
        assertTrue(eval(in("t.ipaddr", "in", "10.0.0.2", "10.0.0.1"), v4));
    }

    @Test
    void networksMatchByMaskedPrefix() throws Exception {
        FakeEvent inside = FakeEvent.with("t.ipnet", "192.168.10.7");
        FakeEvent outside = FakeEvent.with("t.ipnet", "192.169.0.1");
        FakeEvent v6 = FakeEvent.with("t.ipnet", "2001:db8::1");
        assertTrue(eval(check("t.ipnet", "=", "192.168.0.0/16"), inside));
        assertFalse(eval(check("t.ipnet", "=", "192.168.0.0/16"), outside));
        assertTrue(eval(check("t.ipnet", "!=", "192.168.0.0/16"), outside));
        assertTrue(eval(in("t.ipnet", "in", "10.0.0.0/8", "192.168.0.0/16"), inside));
        assertTrue(eval(check("t.ipnet", "=", "2001:db8::/32"), v6));
        assertFalse(eval(check("t.ipnet", "=", "192.168.0.0/16"), v6));
        assertTrue(eval(check("t.ipnet", "=", "0.0.0.0/0"), outside));
    }

    @Test
    void buffersCompareBytewiseAndBinaryOperatorsUseHex() throws Exception {
        FakeEvent event = FakeEvent.with("t.bytebuf", new byte[] {'G', 'E', 'T', ' ', 0, 1});
        assertTrue(eval(check("t.bytebuf", "contains", "ET"), event));
        assertTrue(eval(check("t.bytebuf", "startswith", "GET"), event));
        assertTrue(eval(check("t.bytebuf", "bcontains", "2000"), event));
        assertTrue(eval(check("t.bytebuf", "bstartswith", "474554"), event));
        assertFalse(eval(check("t.bytebuf", "bstartswith", "4554"), event));
        assertTrue(eval(check("t.bytebuf", "endswith", "\0\u0001"), event));
        assertFalse(eval(check("t.bytebuf", "=", "GET"), event));
        assertTrue(eval(check("t.bytebuf", "!=", "GET"), event));
    }

    @Test
    void globMatchesWholeStringAndStarCrossesSlashes() throws Exception {
        FakeEvent event = FakeEvent.with("fd.name", "/etc/ssh/.hidden");
        assertTrue(eval(check("fd.name", "glob", "/etc/*"), event), "* crosses / and leading dots");
        assertFalse(eval(check("fd.name", "glob", "/etc"), event));
        assertTrue(eval(check("fd.name", "glob", "/etc/ss?/.[a-h]idden"), event));
        assertTrue(eval(check("fd.name", "glob", "/etc/ssh/.[!x]idden"), event));
        assertFalse(eval(check("fd.name", "glob", "/ETC/*"), event));
        assertTrue(eval(check("fd.name", "iglob", "/ETC/*"), event));
        assertTrue(eval(check("fd.name", "glob", "/etc/ssh/.hidde[[:alpha:]]"), event));
    }

    @Test
    void regexIsAFullAnchoredMatch() throws Exception {
        FakeEvent event = FakeEvent.with("proc.name", "python3");
        assertTrue(eval(check("proc.name", "regex", "python[0-9]?"), event));
        assertFalse(eval(check("proc.name", "regex", "python"), event), "regex must match the whole value");
        assertTrue(eval(check("proc.name", "regex", "p[[:alpha:]]+[[:digit:]]"), event));
        ConditionCompileException invalid = assertThrows(ConditionCompileException.class,
                () -> compiler.compile(check("proc.name", "regex", "a(b")));
        assertTrue(invalid.getMessage().startsWith("invalid regex pattern: "), invalid.getMessage());
        assertThrows(ConditionCompileException.class, () -> compiler.compile(check("proc.name", "regex", "(?=a)a")),
                "look-around is not POSIX");
        assertThrows(ConditionCompileException.class, () -> compiler.compile(check("proc.name", "regex", "(a)\\1")),
                "back-references are not POSIX");
    }

    @Test
    void scalarInEqualsSomeElementAndEmptySetIsFalse() throws Exception {
        FakeEvent event = FakeEvent.with("proc.name", "bash");
        assertTrue(eval(in("proc.name", "in", "sh", "bash"), event));
        assertFalse(eval(in("proc.name", "in", "sh", "zsh"), event));
        assertFalse(eval(in("proc.name", "in"), event), "x in () is false for scalars");
        assertTrue(eval(in("proc.name", "intersects", "bash"), event), "scalar intersects acts as in");
    }

    @Test
    void listFieldInNeedsEveryElementAndIntersectsNeedsOne() throws Exception {
        FakeEvent event = FakeEvent.with("t.strings", List.of("a", "b"));
        assertTrue(eval(in("t.strings", "in", "a", "b", "c"), event));
        assertFalse(eval(in("t.strings", "in", "a", "c"), event));
        assertTrue(eval(in("t.strings", "intersects", "c", "b"), event));
        assertFalse(eval(in("t.strings", "intersects", "c", "d"), event));
        FakeEvent emptyList = FakeEvent.with("t.strings", List.of());
        assertTrue(eval(in("t.strings", "in", "a"), emptyList), "an empty list is in every set");
        assertFalse(eval(in("t.strings", "intersects", "a"), emptyList));
        FakeEvent numbers = FakeEvent.with("t.uint64s", List.of(1L, 2L));
        assertTrue(eval(in("t.uint64s", "in", "1", "2", "3"), numbers));
        assertFalse(eval(in("t.uint64s", "in", "1"), numbers));
    }

    @Test
    void pmatchIsAComponentWisePathPrefix() throws Exception {
        assertTrue(eval(in("fd.name", "pmatch", "/var"), FakeEvent.with("fd.name", "/var/log/x")));
        assertTrue(eval(in("fd.name", "pmatch", "/var"), FakeEvent.with("fd.name", "/var")));
        assertFalse(eval(in("fd.name", "pmatch", "/var"), FakeEvent.with("fd.name", "/variable")));
        assertTrue(eval(in("fd.name", "pmatch", "/"), FakeEvent.with("fd.name", "/anything/at/all")));
        assertTrue(eval(in("fd.name", "pmatch", "/opt/*/sub"), FakeEvent.with("fd.name", "/opt/d/sub/f")));
        assertFalse(eval(in("fd.name", "pmatch", "/opt/*/sub"), FakeEvent.with("fd.name", "/opt/d/e/sub")));
        assertTrue(eval(in("fd.name", "pmatch", "var//log"), FakeEvent.with("fd.name", "/var/log/syslog")),
                "empty components are ignored and relative paths act as rooted");
        assertTrue(eval(in("fd.name", "pmatch", "/tmp", "/var"), FakeEvent.with("fd.name", "/var/x")));
        assertFalse(eval(in("fd.name", "pmatch", "/var/log/syslog/more"), FakeEvent.with("fd.name", "/var/log")));
    }

    @Test
    void modifiersApplyTheBaseOperatorPerElement() throws Exception {
        FakeEvent event = FakeEvent.with("proc.name", "a");
        assertFalse(eval(modified("proc.name", "==", "oneof", "a", "a"), event), "duplicates count for oneof");
        assertTrue(eval(modified("proc.name", "==", "anyof", "a", "a"), event));
        assertTrue(eval(modified("proc.name", "==", "oneof", "a", "b"), event));
        assertFalse(eval(modified("proc.name", "=", "allof", "a", "b"), event));
        assertTrue(eval(modified("proc.name", "!=", "allof", "b", "c"), event), "!= allof is not-in");
        assertFalse(eval(modified("proc.name", "!=", "allof", "a", "c"), event));
        FakeEvent path = FakeEvent.with("fd.name", "/etc/passwd");
        assertTrue(eval(modified("fd.name", "startswith", "anyof", "/tmp", "/etc"), path));
        assertTrue(eval(modified("fd.name", "contains", "allof", "etc", "pass"), path));
        assertFalse(eval(modified("fd.name", "glob", "oneof", "/etc/*", "*passwd"), path));
        assertTrue(eval(modified("fd.name", "regex", "oneof", "/etc/.*", "/tmp/.*"), path));
        assertTrue(eval(modified("t.int64", "!=", "anyof", "1", "2"), FakeEvent.with("t.int64", 1L)));
    }

    @Test
    void unsafeOperatorsAndNestedNotBehave() throws Exception {
        FakeEvent event = FakeEvent.with("proc.name", "cat", "proc.pid", 4L);
        assertTrue(eval(and(check("proc.name", "=", "cat"), not(check("proc.pid", "=", "5"))), event));
        assertFalse(eval(not(or(check("proc.name", "=", "cat"), check("proc.pid", "=", "5"))), event));
    }

    /** A catalogue that adds one extra bound field to the test catalogue. */
    private record DelegatingCatalog(TestFieldCatalog base, ResolvedField extra)
            implements dev.peregrine.platform.field.FieldCatalog {
        @Override
        public String source() {
            return base.source();
        }

        @Override
        public ResolvedField resolve(String name, String argument)
                throws dev.peregrine.platform.field.FieldResolutionException {
            return name.equals(extra.text()) ? extra : base.resolve(name, argument);
        }

        @Override
        public boolean knows(String name) {
            return name.equals(extra.text()) || base.knows(name);
        }

        @Override
        public List<FieldSpec> fields() {
            return base.fields();
        }

        @Override
        public java.util.Optional<dev.peregrine.api.EventTypeCatalog> eventTypes() {
            return base.eventTypes();
        }
    }

}
