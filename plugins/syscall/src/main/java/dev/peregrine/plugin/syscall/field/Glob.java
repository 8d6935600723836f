package dev.peregrine.plugin.syscall.field;

/** Shell-style wildcard matching ({@code *}, {@code ?}, {@code [...]}), where {@code *} also matches {@code /}. */
final class Glob {

    private Glob() {
    }

    static boolean matches(String pattern, String text) {
        return match(pattern, 0, text, 0);
    }

    private static boolean match(String p, int pi, String t, int ti) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = ti; k <= t.length(); k++) {
                    if (match(p, pi + 1, t, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (ti >= t.length()) {
                return false;
            }
            if (c == '?') {
                pi++;
                ti++;
                continue;
            }
            if (c == '[') {
                int end = p.indexOf(']', pi + 2);
                if (end > 0) {
                    boolean negate = p.charAt(pi + 1) == '!' || p.charAt(pi + 1) == '^';
                    boolean found = false;
                    char ch = t.charAt(ti);
                    for (int k = pi + (negate ? 2 : 1); k < end; k++) {
                        if (k + 2 < end && p.charAt(k + 1) == '-') {
                            found |= ch >= p.charAt(k) && ch <= p.charAt(k + 2);
                            k += 2;
                        } else {
                            found |= ch == p.charAt(k);
                        }
                    }
                    if (found == negate) {
                        return false;
                    }
                    pi = end + 1;
                    ti++;
                    continue;
                }
            }
            if (c == '\\' && pi + 1 < p.length()) {
                pi++;
                c = p.charAt(pi);
            }
            if (c != t.charAt(ti)) {
                return false;
            }
            pi++;
            ti++;
        }
        return ti == t.length();
    }
}
