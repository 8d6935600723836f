package dev.peregrine.platform.engine;

import java.util.Locale;
import java.util.Optional;

/** Rule priorities, most severe first, with the names Falco prints. */
public enum Priority {
    EMERGENCY("Emergency"),
    ALERT("Alert"),
    CRITICAL("Critical"),
    ERROR("Error"),
    WARNING("Warning"),
    NOTICE("Notice"),
    INFORMATIONAL("Informational"),
    DEBUG("Debug");

    private final String printed;

    Priority(String printed) {
        this.printed = printed;
    }

    /** The capitalised full name ({@code Informational}). */
    public String printedName() {
        return printed;
    }

    /** Case-insensitive full name, or {@code info}; nothing else is accepted. */
    public static Optional<Priority> parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("info")) {
            return Optional.of(INFORMATIONAL);
        }
        for (Priority p : values()) {
            if (p.printed.toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** True when this priority is at least as severe as {@code minimum}. */
    public boolean atLeast(Priority minimum) {
        return ordinal() <= minimum.ordinal();
    }

    @Override
    public String toString() {
        return printed;
    }
}
