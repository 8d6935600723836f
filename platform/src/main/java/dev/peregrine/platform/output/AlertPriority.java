package dev.peregrine.platform.output;

import java.util.Locale;
import java.util.Optional;

/** Falco's eight priorities, most severe first; the ordinal is the syslog severity (0–7). */
public enum AlertPriority {
    EMERGENCY("Emergency", "EMERGENCY"),
    ALERT("Alert", "ALERT"),
    CRITICAL("Critical", "CRITICAL"),
    ERROR("Error", "ERROR"),
    WARNING("Warning", "WARNING"),
    NOTICE("Notice", "NOTICE"),
    INFORMATIONAL("Informational", "INFO"),
    DEBUG("Debug", "DEBUG");

    private final String longName;
    private final String shortName;

    AlertPriority(String longName, String shortName) {
        this.longName = longName;
        this.shortName = shortName;
    }

    /** The name used in alerts: {@code Warning}, {@code Informational}. */
    public String longName() {
        return longName;
    }

    /** The upper-case name used by the end-of-run summary: {@code WARNING}, {@code INFO}. */
    public String shortName() {
        return shortName;
    }

    /** The syslog severity and Prometheus priority number (0 = emergency ... 7 = debug). */
    public int severity() {
        return ordinal();
    }

    /** True when this priority is at least as severe as {@code minimum}. */
    public boolean atLeast(AlertPriority minimum) {
        return ordinal() <= minimum.ordinal();
    }

    /** Case-insensitive parse of a priority name; {@code info} means informational. */
    public static Optional<AlertPriority> parse(String text) {
        String lower = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (AlertPriority p : values()) {
            if (p.longName.toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(p);
            }
        }
        return lower.equals("info") ? Optional.of(INFORMATIONAL) : Optional.empty();
    }
}
