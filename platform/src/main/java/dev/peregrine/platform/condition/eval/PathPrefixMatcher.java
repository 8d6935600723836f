package dev.peregrine.platform.condition.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code pmatch}: some constant path is a component-wise prefix of the value. Paths split on
 * {@code /} with empty components ignored (so relative paths act as rooted); a prefix component
 * holding {@code * ? [} glob-matches one value component. The value is walked in place.
 */
final class PathPrefixMatcher implements ElementMatcher {
    private final String[][] prefixes;
    private final boolean[][] globs;

    PathPrefixMatcher(List<String> paths) {
        prefixes = new String[paths.size()][];
        globs = new boolean[paths.size()][];
        for (int p = 0; p < paths.size(); p++) {
            List<String> components = new ArrayList<>();
            for (String component : paths.get(p).split("/")) {
                if (!component.isEmpty()) {
                    components.add(component);
                }
            }
            prefixes[p] = components.toArray(String[]::new);
            globs[p] = new boolean[components.size()];
            for (int c = 0; c < components.size(); c++) {
                String component = components.get(c);
                globs[p][c] = component.indexOf('*') >= 0 || component.indexOf('?') >= 0 || component.indexOf('[') >= 0;
            }
        }
    }

    @Override
    public boolean matches(ValueBuffer values, int index) {
        String path = values.stringAt(index);
        for (int p = 0; p < prefixes.length; p++) {
            if (isPrefix(prefixes[p], globs[p], path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPrefix(String[] prefix, boolean[] glob, String path) {
        int position = 0;
        int length = path.length();
        for (int c = 0; c < prefix.length; c++) {
            while (position < length && path.charAt(position) == '/') {
                position++;
            }
            if (position == length) {
                return false;
            }
            int end = path.indexOf('/', position);
            if (end < 0) {
                end = length;
            }
            String component = prefix[c];
            boolean same = glob[c]
                    ? Glob.matches(component, 0, component.length(), path, position, end, false)
                    : end - position == component.length() && path.startsWith(component, position);
            if (!same) {
                return false;
            }
            position = end;
        }
        return true;
    }
}
