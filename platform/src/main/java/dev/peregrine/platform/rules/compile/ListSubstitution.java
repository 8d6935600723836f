package dev.peregrine.platform.rules.compile;

import java.util.List;

/**
 * Falco's textual list substitution (§3.1): a list name delimited by text boundaries or one of
 * {@code " \t\n\r(),="} is replaced by its items, quoted when they contain a space, joined by
 * {@code ", "}, with surrounding blanks absorbed and one space on each side.
 */
final class ListSubstitution {

    private static final String BLANKS = " \t\n\r";
    private static final String DELIMITERS = " \t\n\r(),=";

    private ListSubstitution() {
    }

    /**
     * Replaces every delimited occurrence of {@code name} in {@code condition}.
     *
     * @param joinedItems the items already quoted and joined (see {@link #join})
     * @return the new text, or the same instance when nothing was replaced
     */
    static String substitute(String condition, String name, String joinedItems) {
        String cnd = condition;
        int start = cnd.indexOf(name);
        while (start >= 0) {
            int end = start + name.length();
            if ((start == 0 || DELIMITERS.indexOf(cnd.charAt(start - 1)) >= 0)
                    && (end >= cnd.length() || DELIMITERS.indexOf(cnd.charAt(end)) >= 0)) {
                while (start > 0 && BLANKS.indexOf(cnd.charAt(start - 1)) >= 0) {
                    start--;
                }
                while (end < cnd.length() && BLANKS.indexOf(cnd.charAt(end)) >= 0) {
                    end++;
                }
                if (joinedItems.isEmpty()) {
                    // An empty list must not leave a dangling comma behind: drop one, left first.
                    if (start > 0 && cnd.charAt(start - 1) == ',') {
                        start--;
                    } else if (end < cnd.length() && cnd.charAt(end) == ',') {
                        end++;
                    }
                }
                StringBuilder next = new StringBuilder(cnd.length() + joinedItems.length() + 2);
                if (start > 0) {
                    next.append(cnd, 0, start).append(' ');
                }
                next.append(joinedItems).append(' ');
                if (end <= cnd.length()) {
                    next.append(cnd, end, cnd.length());
                }
                cnd = next.toString();
                start += joinedItems.length() + 1;
            }
            start = cnd.indexOf(name, start + 1);
        }
        return cnd;
    }

    /** Items through {@link #quote}, joined by {@code ", "}. */
    static String join(List<String> items) {
        StringBuilder out = new StringBuilder();
        for (String item : items) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(quote(item));
        }
        return out.toString();
    }

    /** Wraps in double quotes a value with a space that is not already quoted (inner quotes kept). */
    static String quote(String value) {
        if (value.indexOf(' ') >= 0 && !value.isEmpty() && value.charAt(0) != '"' && value.charAt(0) != '\'') {
            return "\"" + value + "\"";
        }
        return value;
    }
}
