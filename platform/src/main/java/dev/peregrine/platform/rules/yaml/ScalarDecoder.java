package dev.peregrine.platform.rules.yaml;

import java.util.Optional;
import java.util.Set;

/** Decodes raw scalar text the way yaml-cpp's conversions do (booleans and unsigned integers). */
final class ScalarDecoder {

    private static final Set<String> TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
            "on", "On", "ON");
    private static final Set<String> FALSE = Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE",
            "off", "Off", "OFF");

    private ScalarDecoder() {
    }

    static Optional<Boolean> bool(String text) {
        if (TRUE.contains(text)) {
            return Optional.of(true);
        }
        if (FALSE.contains(text)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** An unsigned 32-bit integer: decimal, {@code 0x} hex or leading-{@code 0} octal. */
    static Optional<Long> uint32(String text) {
        try {
            long value;
            if (text.startsWith("0x") || text.startsWith("0X")) {
                value = Long.parseLong(text.substring(2), 16);
            } else if (text.length() > 1 && text.startsWith("0")) {
                value = Long.parseLong(text.substring(1), 8);
            } else {
                if (text.isEmpty() || !Character.isDigit(text.charAt(0))) {
                    return Optional.empty();
                }
                value = Long.parseLong(text);
            }
            if (value < 0 || value > 0xFFFFFFFFL) {
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
