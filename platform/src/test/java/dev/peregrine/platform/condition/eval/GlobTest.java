package dev.peregrine.platform.condition.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** fnmatch(3) without flags, as {@code glob} and the glob components of {@code pmatch} use it. */
class GlobTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "*|anything/at/all|true",
        "*|''|true",
        "?|''|false",
        "a?c|abc|true",
        "a?c|a/c|true",
        "a*c|a/b/.c|true",
        "a*c|abcd|false",
        "*.txt|.hidden.txt|true",
        "[abc]x|bx|true",
        "[!abc]x|bx|false",
        "[^abc]x|dx|true",
        "[a-c]x|cx|true",
        "[]]x|]x|true",
        "[!]]x|]x|false",
        "[a-]x|-x|true",
        "\\*x|*x|true",
        "\\*x|ax|false",
        "[[:digit:]]*|7up|true",
        "[[:upper:]]*|up|false",
        "[unterminated|[unterminated|true",
        "a**b|ab|true",
        "*a*b*c*|xaybzc|true",
        "*a*b*c*|xaybz|false",
    })
    void matchesLikeFnmatch(String pattern, String text, boolean expected) {
        assertEquals(expected, Glob.matches(pattern, 0, pattern.length(), text, 0, text.length(), false));
    }

    @ParameterizedTest(name = "{0} ~i {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "/ETC/*|/etc/passwd|true",
        "[A-C]x|bX|true",
        "É*|é|false",
    })
    void iglobFoldsAsciiOnly(String pattern, String text, boolean expected) {
        assertEquals(expected, Glob.matches(pattern, 0, pattern.length(), text, 0, text.length(), true));
    }
}
