package dev.peregrine.platform.rules.collect;

import java.util.Optional;

/** A {@code major.minor.patch} version, parsed the lenient way Falco does (trailing text ignored). */
public record SemanticVersion(long major, long minor, long patch) implements Comparable<SemanticVersion> {

    /** The rules engine version this implementation speaks. */
    public static final SemanticVersion ENGINE = new SemanticVersion(0, 63, 0);

    /** Three dot-separated unsigned integers at the start of {@code text}. */
    public static Optional<SemanticVersion> parse(String text) {
        long[] parts = new long[3];
        int i = 0;
        for (int p = 0; p < 3; p++) {
            if (p > 0) {
                if (i >= text.length() || text.charAt(i) != '.') {
                    return Optional.empty();
                }
                i++;
            }
            int start = i;
            while (i < text.length() && Character.isDigit(text.charAt(i)) && text.charAt(i) < 128) {
                i++;
            }
            if (i == start || i - start > 18) {
                return Optional.empty();
            }
            parts[p] = Long.parseLong(text.substring(start, i));
        }
        return Optional.of(new SemanticVersion(parts[0], parts[1], parts[2]));
    }

    /** True when a holder of this version satisfies {@code required}: same major and not older. */
    public boolean compatibleWith(SemanticVersion required) {
        return major == required.major && compareTo(required) >= 0;
    }

    @Override
    public int compareTo(SemanticVersion o) {
        int c = Long.compare(major, o.major);
        if (c == 0) {
            c = Long.compare(minor, o.minor);
        }
        return c != 0 ? c : Long.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
