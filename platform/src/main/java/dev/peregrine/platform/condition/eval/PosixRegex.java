package dev.peregrine.platform.condition.eval;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles RE2 POSIX (egrep) syntax to a {@link Pattern}, once per constant.
 *
 * <p>Mapping: POSIX bracket classes ({@code [[:alpha:]]}) become {@code \p{Alpha}} and friends;
 * constructs RE2's POSIX mode rejects and Java would accept are rejected: look-around and other
 * {@code (?...)} groups, back-references ({@code \1}), possessive quantifiers and Perl classes
 * ({@code \d \w \s \b}); {@code \v} is mapped to the single character it means in RE2. Known differences that remain: Java backtracks (RE2 is linear time),
 * error texts after {@code invalid regex pattern: } are Java's, and Java matches leftmost-first
 * where POSIX prefers leftmost-longest, which does not change whether a full match exists.
 */
final class PosixRegex {

    /** Escapes RE2 keeps in POSIX mode (C escapes and hex); Perl classes and back-references are not among them. */
    private static final String C_ESCAPES = "afnrtx";

    private PosixRegex() {
    }

    static Pattern compile(String regex) throws ConditionCompileException {
        String translated = translate(regex);
        try {
            return Pattern.compile(translated);
        } catch (PatternSyntaxException invalid) {
            throw new ConditionCompileException("invalid regex pattern: " + invalid.getDescription());
        }
    }

    private static String translate(String regex) throws ConditionCompileException {
        StringBuilder out = new StringBuilder(regex.length() + 8);
        boolean inBracket = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (inBracket) {
                if (c == '[' && i + 1 < regex.length() && regex.charAt(i + 1) == ':') {
                    int end = regex.indexOf(":]", i + 2);
                    if (end < 0) {
                        throw new ConditionCompileException("invalid regex pattern: missing ]: " + regex);
                    }
                    out.append(posixClass(regex.substring(i + 2, end)));
                    i = end + 1;
                    continue;
                }
                if (c == '[' || c == '&') {
                    out.append('\\').append(c); // literal in POSIX brackets, special in Java
                    continue;
                }
                if (c == ']') {
                    inBracket = false;
                }
                if (c == '\\' && i + 1 < regex.length()) {
                    out.append(c).append(regex.charAt(++i));
                    continue;
                }
                out.append(c);
                continue;
            }
            switch (c) {
                case '\\' -> {
                    if (i + 1 >= regex.length()) {
                        throw new ConditionCompileException("invalid regex pattern: trailing \\");
                    }
                    char next = regex.charAt(++i);
                    if (next == 'v') {
                        out.append("\\x0B"); // RE2's \v is one character; Java's is a class
                    } else if (C_ESCAPES.indexOf(next) >= 0 || !Character.isLetterOrDigit(next)) {
                        out.append('\\').append(next);
                    } else {
                        throw new ConditionCompileException("invalid regex pattern: invalid escape sequence: \\" + next);
                    }
                }
                case '[' -> {
                    inBracket = true;
                    out.append(c);
                    if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
                        out.append('^');
                        i++;
                    }
                    if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
                        out.append("\\]"); // a leading ']' is a member
                        i++;
                    }
                }
                case '(' -> {
                    if (i + 1 < regex.length() && regex.charAt(i + 1) == '?') {
                        throw new ConditionCompileException("invalid regex pattern: missing argument to repetition operator: ?");
                    }
                    out.append(c);
                }
                case '+', '*', '?', '}' -> {
                    out.append(c);
                    if (i + 1 < regex.length() && regex.charAt(i + 1) == '+') {
                        throw new ConditionCompileException("invalid regex pattern: bad repetition operator: " + c + "+");
                    }
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String posixClass(String name) throws ConditionCompileException {
        return switch (name) {
            case "alpha" -> "\\p{Alpha}";
            case "digit" -> "\\p{Digit}";
            case "alnum" -> "\\p{Alnum}";
            case "upper" -> "\\p{Upper}";
            case "lower" -> "\\p{Lower}";
            case "space" -> "\\s\\x0B";
            case "blank" -> "\\p{Blank}";
            case "punct" -> "\\p{Punct}";
            case "print" -> "\\p{Print}";
            case "graph" -> "\\p{Graph}";
            case "cntrl" -> "\\p{Cntrl}";
            case "xdigit" -> "\\p{XDigit}";
            case "word" -> "\\w";
            default -> throw new ConditionCompileException("invalid regex pattern: invalid character class range: [:" + name + ":]");
        };
    }
}
