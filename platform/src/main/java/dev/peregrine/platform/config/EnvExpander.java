package dev.peregrine.platform.config;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Expands {@code ${NAME}} in configuration-file scalars (an unset variable gives the empty string);
 * {@code $${NAME}} escapes to the literal {@code ${NAME}}. Applied to file contents only, never to
 * {@code -o} values or rules.
 */
final class EnvExpander {

    private final Function<String, String> environment;

    EnvExpander(Function<String, String> environment) {
        this.environment = environment;
    }

    /** Expands every scalar of the tree in place and returns the (possibly replaced) root. */
    @SuppressWarnings("unchecked")
    Object expandTree(Object node) {
        if (node instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).replaceAll((k, v) -> expandTree(v));
            return map;
        }
        if (node instanceof List<?> list) {
            ((List<Object>) list).replaceAll(this::expandTree);
            return list;
        }
        return node instanceof String s ? expand(s) : node;
    }

    String expand(String text) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                int end = text.indexOf('}', i + 3);
                if (end > 0) {
                    out.append(text, i + 1, end + 1);
                    i = end + 1;
                    continue;
                }
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end > 0) {
                    String value = environment.apply(text.substring(i + 2, end));
                    out.append(value == null ? "" : value);
                    i = end + 1;
                    continue;
                }
            }
            out.append(text.charAt(i++));
        }
        return out.toString();
    }
}
