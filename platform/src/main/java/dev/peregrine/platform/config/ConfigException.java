package dev.peregrine.platform.config;

/** A fatal configuration error; its message is the exact sentence printed after {@code Error: }. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
