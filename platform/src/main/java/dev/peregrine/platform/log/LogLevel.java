package dev.peregrine.platform.log;

import java.util.Locale;
import java.util.Optional;

/** Falco's log severities for operational logs, most severe first (syslog numbering). */
public enum LogLevel {
    EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, NOTICE, INFO, DEBUG;

    /** True when a message of this level passes a threshold of {@code threshold}. */
    public boolean passes(LogLevel threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** Lower-case name as written in falco.yaml. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a falco.yaml {@code log_level} value (exact lower-case names). */
    public static Optional<LogLevel> parse(String text) {
        for (LogLevel level : values()) {
            if (level.configName().equals(text)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
