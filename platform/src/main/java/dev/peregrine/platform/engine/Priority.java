package dev.peregrine.platform.engine;

import java.util.Locale;
import java.util.Optional;

/**
 * Falco's eight priorities, most severe first, with the names Falco prints; the ordinal is the
 * syslog severity (0 = emergency ... 7 = debug). Rules and alerts (incl. internal ones) share it.
 */
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

    /** The upper-case name used by the end-of-run summary: {@code WARNING}, {@code INFO}. */
    public String shortName() {
        return this == INFORMATIONAL ? "INFO" : name();
    }

    /** The syslog severity and Prometheus priority number (0 = emergency ... 7 = debug). */
    public int severity() {
        return ordinal();
    }

    /** Case-insensitive full name, or {@code info}; nothing else is accepted. */
    public static Optional<Priority> parse(String text) {
        String lower = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
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
