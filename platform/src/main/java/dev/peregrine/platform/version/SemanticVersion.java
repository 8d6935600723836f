package dev.peregrine.platform.version;

import java.util.Optional;

/**
 * A {@code major.minor.patch} version, parsed the lenient way Falco and libsinsp do (the first three
 * dot-separated integers count, trailing text is ignored). Used for the engine version, plugin
 * versions, the plugin API version and {@code required_plugin_versions}.
 */
public record SemanticVersion(long major, long minor, long patch) implements Comparable<SemanticVersion> {

    /** The rules engine version this implementation speaks. */
    public static final SemanticVersion ENGINE = new SemanticVersion(0, 63, 0);

    /** Three dot-separated unsigned integers at the start of {@code text}. */
    public static Optional<SemanticVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        text = text.strip();
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

    /**
     * Why a plugin requiring {@code required} cannot run on a host whose API is this version, or
     * empty when it can (same major; our minor newer, or equal with our patch not older).
     */
    public Optional<String> apiIncompatibility(SemanticVersion required) {
        if (major != required.major) {
            return Optional.of("major versions disagree");
        }
        if (minor < required.minor) {
            return Optional.of("framework's minor is less than the requested one");
        }
        if (minor == required.minor && patch < required.patch) {
            return Optional.of("framework's patch is less than the requested one");
        }
        return Optional.empty();
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
