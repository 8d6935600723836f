package dev.peregrine.platform.rules.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.peregrine.platform.rules.collect.ExceptionEntry;
import dev.peregrine.platform.rules.collect.RuleException;
import dev.peregrine.platform.rules.result.Context;
import dev.peregrine.platform.rules.result.LoadException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden strings of list substitution (§3.1) and exception expansion (§1.12.3). */
class TextExpansionTest {

    private static ExceptionEntry s(String text) {
        return ExceptionEntry.scalar(text);
    }

    private static ExceptionEntry seq(ExceptionEntry... items) {
        return ExceptionEntry.sequence(List.of(items));
    }

    private static RuleException ex(String name, ExceptionEntry fields, ExceptionEntry comps,
                                    ExceptionEntry... values) {
        return new RuleException(name, fields, comps, List.of(values), true, Context.file("f"));
    }

    @Test
    void specExampleExpandsByteForByte() throws LoadException {
        RuleException tuple = ex("e1", seq(s("proc.name"), s("proc.cmdline")), seq(s("="), s("=")),
                seq(s("cat"), s("cat /dev/null")));
        RuleException single = ex("e2", s("fd.name"), s("in"), s("/tmp/a"), s("/tmp/b"));
        assertEquals("(evt.type=open and proc.name=cat) and not (( proc.name = cat and  proc.cmdline ="
                        + " \"cat /dev/null\")) and not (fd.name in (/tmp/a, /tmp/b))",
                ExceptionExpansion.expand("evt.type=open and proc.name=cat", List.of(tuple, single)));
    }

    @Test
    void exceptionsWithoutValuesOnlyParenthesise() throws LoadException {
        RuleException none = ex("e", seq(s("proc.name")), seq(s("=")));
        assertEquals("(a)", ExceptionExpansion.expand("a", List.of(none)));
        assertEquals("a", ExceptionExpansion.expand("a", List.of()));
    }

    @Test
    void tupleValuesUseListFormsForListOperators() throws LoadException {
        RuleException e = ex("e", seq(s("proc.name"), s("proc.cmdline"), s("fd.name")),
                seq(s("in"), s("pmatch"), s("startswith oneof")),
                seq(s("cat_binaries"), s("(already)"), seq(s("/a b"), s("'/c d'"))),
                seq(s("x"), s("y"), s("z")));
        assertEquals("(c) and not (( proc.name in (cat_binaries) and  proc.cmdline pmatch (already) and "
                        + " fd.name startswith oneof (\"/a b\", '/c d')) or ( proc.name in (x) and "
                        + " proc.cmdline pmatch (y) and  fd.name startswith oneof (z)))",
                ExceptionExpansion.expand("c", List.of(e)));
    }

    @Test
    void singleFieldValuesAreQuotedWhenTheyHaveSpaces() throws LoadException {
        RuleException e = ex("e", s("proc.cmdline"), s("pmatch"), s("a b"), s("\"c d\""), s("e"));
        assertEquals("(c) and not (proc.cmdline pmatch (\"a b\", \"c d\", e))",
                ExceptionExpansion.expand("c", List.of(e)));
    }

    @Test
    void listNamesExpandInlineWithSpacesAround() {
        assertEquals("proc.name in ( bash, sh )",
                ListSubstitution.substitute("proc.name in (shell_binaries)", "shell_binaries", "bash, sh"));
        assertEquals("proc.name= one ", ListSubstitution.substitute("proc.name=one_item_list", "one_item_list",
                "one"));
        assertEquals("x in (a, p, q , b)", ListSubstitution.substitute("x in (a, my_list, b)", "my_list", "p, q"));
    }

    @Test
    void namesInsideLongerWordsAreUntouched() {
        String cnd = "fd.name in (file_my_list) and my_list_x=1";
        assertSame(cnd, ListSubstitution.substitute(cnd, "my_list", "a"));
    }

    @Test
    void emptyListsDropOneAdjacentCommaLeftFirst() {
        assertEquals("x in (a  , b)", ListSubstitution.substitute("x in (a, empty, b)", "empty", ""));
        assertEquals("x in (   b)", ListSubstitution.substitute("x in (empty, b)", "empty", ""));
        assertEquals("x in (  )", ListSubstitution.substitute("x in (empty)", "empty", ""));
    }

    @Test
    void everyOccurrenceIsReplacedIncludingAtTheStart() {
        assertEquals("a and x in ( a )", ListSubstitution.substitute("l and x in (l)", "l", "a"));
    }

    @Test
    void itemsWithSpacesAreDoubleQuotedUnlessAlreadyQuoted() {
        assertEquals("a, \"b c\", 'd e', \"f g\"", ListSubstitution.join(List.of("a", "b c", "'d e'", "\"f g\"")));
    }
}
