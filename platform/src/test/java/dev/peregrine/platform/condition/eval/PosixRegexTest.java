package dev.peregrine.platform.condition.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;

/** The RE2 POSIX dialect mapped onto java.util.regex. */
class PosixRegexTest {

    private static boolean matches(String regex, String text) throws ConditionCompileException {
        return PosixRegex.compile(regex).matcher(text).matches();
    }

    @Test
    void translatesPosixConstructs() throws Exception {
        assertTrue(matches("[[:alpha:]]+[[:digit:]]", "abc1"));
        assertTrue(matches("[[:space:]]", "\u000B"));
        assertTrue(matches("a\\tb", "a\tb"));
        assertTrue(matches("a\\vb", "a\u000Bb"), "RE2's \\v is vertical tab only");
        assertFalse(matches("a\\vb", "a\nb"));
        assertTrue(matches("[a[]+", "a[a"), "[ is literal inside brackets");
        assertTrue(matches("x\\x41", "xA"));
        assertFalse(matches("a.c", "a\nc"), "dot does not match newline");
        assertTrue(matches("(ab|cd)+", "abcdab"));
        assertTrue(matches("[]a]+", "]a]"), "a leading ] is a member");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(?i)abc", "(?=a)", "(a)\\1", "\\d+", "\\w", "a++", "[[:nosuch:]]", "a(b", "\\"})
    void rejectsWhatRe2PosixRejects(String regex) {
        ConditionCompileException error = assertThrows(ConditionCompileException.class, () -> PosixRegex.compile(regex));
        assertTrue(error.getMessage().startsWith("invalid regex pattern: "), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.*b", "^/usr/s?bin/.+$", "x{2,3}", "\\.\\*"})
    void acceptsPosixSyntax(String regex) throws Exception {
        assertFalse(PosixRegex.compile(regex).pattern().isEmpty());
    }
}
