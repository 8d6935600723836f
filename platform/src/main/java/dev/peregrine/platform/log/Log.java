package dev.peregrine.platform.log;

/** Where operational messages go; implementations decide filtering and destinations. */
@FunctionalInterface
public interface Log {

    /** Writes one message (no trailing newline) at {@code level}. */
    void log(LogLevel level, String message);

    default void info(String message) {
        log(LogLevel.INFO, message);
    }

    default void warning(String message) {
        log(LogLevel.WARNING, message);
    }

    default void error(String message) {
        log(LogLevel.ERROR, message);
    }

    default void debug(String message) {
        log(LogLevel.DEBUG, message);
    }

    /** A log that drops everything. */
    static Log discard() {
        return (level, message) -> { };
    }
}
