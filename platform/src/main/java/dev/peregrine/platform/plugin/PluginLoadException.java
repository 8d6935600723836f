package dev.peregrine.platform.plugin;

/** A fatal plugin problem; the message is the exact sentence Falco shows the user. */
public final class PluginLoadException extends Exception {
    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
