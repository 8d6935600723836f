package dev.peregrine.api;

/** A failure a plugin reports to the host; its message is shown to the user as is. */
public class PluginException extends Exception {
    public PluginException(String message) {
        super(message);
    }

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
