package dev.peregrine.platform.condition.eval;

/**
 * fnmatch(3) without flags, interpreted directly over the pattern text (no translation to a
 * regular expression): {@code *} matches any run including {@code /} and leading dots,
 * {@code ?} one character, {@code [...]} a set with ranges, {@code !}/{@code ^} negation and
 * POSIX classes, and {@code \} escapes the next character. Matching uses the classic
 * single-backtrack-point algorithm, so it runs in O(pattern x text) without recursion.
 */
final class Glob {

    private Glob() {
    }

    /** True when the whole of {@code text[textStart, textEnd)} matches {@code pattern[patternStart, patternEnd)}. */
    static boolean matches(String pattern, int patternStart, int patternEnd,
                           String text, int textStart, int textEnd, boolean ignoreCase) {
        int p = patternStart;
        int t = textStart;
        int starPattern = -1;
        int starText = -1;
        while (t < textEnd) {
            if (p < patternEnd) {
                char pc = pattern.charAt(p);
                if (pc == '*') {
                    starPattern = ++p;
                    starText = t;
                    continue;
                }
                int next = matchOne(pattern, p, patternEnd, text.charAt(t), ignoreCase);
                if (next >= 0) {
                    p = next;
                    t++;
                    continue;
                }
            }
            if (starPattern < 0) {
                return false;
            }
            p = starPattern;
            t = ++starText;
        }
        while (p < patternEnd && pattern.charAt(p) == '*') {
            p++;
        }
        return p == patternEnd;
    }

    /** Matches one pattern element at {@code p} against {@code c}; returns the next pattern index or -1. */
    private static int matchOne(String pattern, int p, int end, char c, boolean ignoreCase) {
        char pc = pattern.charAt(p);
        if (pc == '?') {
            return p + 1;
        }
        if (pc == '[') {
            int close = bracketEnd(pattern, p, end);
            if (close > 0) {
                return inBracket(pattern, p + 1, close, c, ignoreCase) ? close + 1 : -1;
            }
            // an unterminated '[' is an ordinary character
            return same(pc, c, ignoreCase) ? p + 1 : -1;
        }
        if (pc == '\\' && p + 1 < end) {
            return same(pattern.charAt(p + 1), c, ignoreCase) ? p + 2 : -1;
        }
        return same(pc, c, ignoreCase) ? p + 1 : -1;
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || ignoreCase && Texts.toLowerAscii(a) == Texts.toLowerAscii(b);
    }

    /** Index of the ']' closing the bracket expression opened at {@code open}, or -1. */
    private static int bracketEnd(String pattern, int open, int end) {
        int i = open + 1;
        if (i < end && (pattern.charAt(i) == '!' || pattern.charAt(i) == '^')) {
            i++;
        }
        if (i < end && pattern.charAt(i) == ']') {
            i++; // a leading ']' is a member
        }
        while (i < end) {
            char ch = pattern.charAt(i);
            if (ch == '[' && i + 1 < end && pattern.charAt(i + 1) == ':') {
                int classEnd = pattern.indexOf(":]", i + 2);
                if (classEnd > 0 && classEnd < end) {
                    i = classEnd + 2;
                    continue;
                }
            }
            if (ch == '\\' && i + 1 < end) {
                i += 2;
                continue;
            }
            if (ch == ']') {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static boolean inBracket(String pattern, int start, int close, char c, boolean ignoreCase) {
        int i = start;
        boolean negated = false;
        if (pattern.charAt(i) == '!' || pattern.charAt(i) == '^') {
            negated = true;
            i++;
        }
        boolean found = false;
        boolean first = true;
        while (i < close) {
            char low = pattern.charAt(i);
            if (low == '[' && i + 1 < close && pattern.charAt(i + 1) == ':') {
                int classEnd = pattern.indexOf(":]", i + 2);
                if (classEnd > 0 && classEnd < close) {
                    found |= inClass(pattern, i + 2, classEnd, c, ignoreCase);
                    i = classEnd + 2;
                    first = false;
                    continue;
                }
            }
            if (low == '\\' && i + 1 < close) {
                low = pattern.charAt(++i);
            } else if (low == ']' && !first) {
                break;
            }
            first = false;
            i++;
            if (i + 1 < close && pattern.charAt(i) == '-' ) {
                char high = pattern.charAt(i + 1);
                if (high == '\\' && i + 2 < close) {
                    high = pattern.charAt(i + 2);
                    i++;
                }
                i += 2;
                found |= inRange(low, high, c, ignoreCase);
            } else {
                found |= same(low, c, ignoreCase);
            }
        }
        return found != negated;
    }

    private static boolean inRange(char low, char high, char c, boolean ignoreCase) {
        if (c >= low && c <= high) {
            return true;
        }
        if (ignoreCase) {
            char lower = Texts.toLowerAscii(c);
            char upper = Texts.toUpperAscii(c);
            return lower >= low && lower <= high || upper >= low && upper <= high;
        }
        return false;
    }

    private static final String[] CLASS_NAMES = {
        "alpha", "digit", "alnum", "upper", "lower", "space", "blank", "punct", "print", "graph", "cntrl", "xdigit"};

    private static boolean inClass(String pattern, int from, int to, char c, boolean ignoreCase) {
        for (String name : CLASS_NAMES) {
            if (name.length() == to - from && pattern.startsWith(name, from)) {
                return inClass(name, c, ignoreCase);
            }
        }
        return false;
    }

    private static boolean inClass(String name, char c, boolean ignoreCase) {
        return switch (name) {
            case "alpha" -> c < 128 && Character.isLetter(c);
            case "digit" -> c >= '0' && c <= '9';
            case "alnum" -> c < 128 && Character.isLetterOrDigit(c);
            case "upper" -> c >= 'A' && c <= 'Z' || ignoreCase && c >= 'a' && c <= 'z';
            case "lower" -> c >= 'a' && c <= 'z' || ignoreCase && c >= 'A' && c <= 'Z';
            case "space" -> c == ' ' || c >= '\t' && c <= '\r';
            case "blank" -> c == ' ' || c == '\t';
            case "punct" -> c > 32 && c < 127 && !Character.isLetterOrDigit(c);
            case "print" -> c >= 32 && c < 127;
            case "graph" -> c > 32 && c < 127;
            case "cntrl" -> c < 32 || c == 127;
            case "xdigit" -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            default -> false;
        };
    }
}
