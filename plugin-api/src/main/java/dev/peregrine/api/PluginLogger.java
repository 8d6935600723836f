package dev.peregrine.api;

/** A logger handed to plugins, so their lines go wherever Falco's logs go. */
public interface PluginLogger {
    /** Severity of a log line, in Falco's vocabulary. */
    enum Level { ERROR, WARNING, NOTICE, INFO, DEBUG, TRACE }

    void log(Level level, String message);

    default void info(String message) {
        log(Level.INFO, message);
    }

    default void warning(String message) {
        log(Level.WARNING, message);
    }

    default void debug(String message) {
        log(Level.DEBUG, message);
    }
}
