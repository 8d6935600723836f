package dev.peregrine.plugin.syscall.state;

/** libsinsp's lexical path normalisation ({@code syscall-state.md} §4.1); symlinks are not resolved. */
public final class PathResolver {

    /** What libsinsp returns when base and path together exceed its buffer. */
    public static final String TOO_LONG = "/DIR_TOO_LONG/FILENAME_TOO_LONG";
    private static final int MAX_PATH = 1024;

    private PathResolver() {
    }

    /**
     * {@code path} made absolute against {@code base} (a directory, with or without trailing slash), with
     * {@code //}, {@code ./} and {@code ../} collapsed and no trailing slash (except for the root).
     */
    public static String normalize(String base, String path) {
        if (path.equals(ThreadInfo.NA)) {
            return path;
        }
        if (base.length() + path.length() + 1 > MAX_PATH) {
            return TOO_LONG;
        }
        String joined = path.startsWith("/") ? path : base.endsWith("/") ? base + path : base + "/" + path;
        if (!joined.startsWith("/")) {
            // a base like "<UNKNOWN>" keeps its text: only the part after it is cleaned up
            int slash = joined.indexOf('/');
            return slash < 0 ? joined : joined.substring(0, slash) + clean(joined.substring(slash));
        }
        return clean(joined);
    }

    /**
     * {@code path} (starting with {@code /}) with empty and {@code .} segments dropped and {@code ..} taking
     * the previous segment away. Already-clean paths, the usual case, come back as they are, without
     * allocating; the others are rebuilt in one pass over a char array.
     */
    static String clean(String path) {
        return isClean(path) ? path : collapse(path);
    }

    private static boolean isClean(String path) {
        int n = path.length();
        if (n == 0 || path.charAt(0) != '/') {
            return false;
        }
        if (n == 1) {
            return true;
        }
        if (path.charAt(n - 1) == '/') {
            return false;
        }
        for (int i = 0; i < n - 1; i++) {
            if (path.charAt(i) != '/') {
                continue;
            }
            char next = path.charAt(i + 1);
            if (next == '/') {
                return false;
            }
            if (next == '.') {
                int after = i + 2;
                if (after == n || path.charAt(after) == '/') {
                    return false; // "/."
                }
                if (path.charAt(after) == '.' && (after + 1 == n || path.charAt(after + 1) == '/')) {
                    return false; // "/.."
                }
            }
        }
        return true;
    }

    private static String collapse(String path) {
        int n = path.length();
        char[] out = new char[n + 1];
        int length = 0;
        int i = 0;
        while (i < n) {
            while (i < n && path.charAt(i) == '/') {
                i++;
            }
            int start = i;
            while (i < n && path.charAt(i) != '/') {
                i++;
            }
            int segment = i - start;
            if (segment == 0 || (segment == 1 && path.charAt(start) == '.')) {
                continue;
            }
            if (segment == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.') {
                while (length > 0 && out[length - 1] != '/') {
                    length--;
                }
                if (length > 0) {
                    length--; // the slash before the dropped segment
                }
                continue;
            }
            out[length++] = '/';
            path.getChars(start, i, out, length);
            length += segment;
        }
        return length == 0 ? "/" : new String(out, 0, length);
    }

    /** A directory with exactly one trailing slash, as libsinsp stores cwd. */
    public static String asDirectory(String path) {
        return path.endsWith("/") ? path : path + "/";
    }
}
