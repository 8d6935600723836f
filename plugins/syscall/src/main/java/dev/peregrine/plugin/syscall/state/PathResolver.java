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

    private static String clean(String path) {
        String[] parts = path.split("/");
        String[] kept = new String[parts.length];
        int size = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (size > 0) {
                    size--;
                }
                continue;
            }
            kept[size++] = part;
        }
        if (size == 0) {
            return "/";
        }
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < size; i++) {
            out.append('/').append(kept[i]);
        }
        return out.toString();
    }

    /** A directory with exactly one trailing slash, as libsinsp stores cwd. */
    public static String asDirectory(String path) {
        return path.endsWith("/") ? path : path + "/";
    }
}
