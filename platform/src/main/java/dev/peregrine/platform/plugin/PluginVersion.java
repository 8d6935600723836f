package dev.peregrine.platform.plugin;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code MAJOR.MINOR.PATCH} version, parsed leniently as libsinsp does: the first three
 * dot-separated integers count, anything after them is ignored.
 */
public record PluginVersion(long major, long minor, long patch) implements Comparable<PluginVersion> {

    private static final Pattern LEADING = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    /** Parses {@code text}, or empty when it does not start with three numbers. */
    public static Optional<PluginVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = LEADING.matcher(text.strip());
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PluginVersion(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3))));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    /** Same major, and not older: what {@code required_plugin_versions} accepts. */
    public boolean compatibleWith(PluginVersion required) {
        return major == required.major && compareTo(required) >= 0;
    }

    /**
     * Why a plugin requiring {@code required} cannot run on this host API version, or empty when
     * it can (same major; our minor newer, or equal with our patch not older).
     */
    public Optional<String> apiIncompatibility(PluginVersion required) {
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
    public int compareTo(PluginVersion other) {
        int c = Long.compare(major, other.major);
        if (c == 0) {
            c = Long.compare(minor, other.minor);
        }
        return c != 0 ? c : Long.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
