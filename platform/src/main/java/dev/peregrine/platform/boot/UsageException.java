package dev.peregrine.platform.boot;

/** A command-line error; the message is printed as {@code Error: <message>} and the exit code is 1. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
