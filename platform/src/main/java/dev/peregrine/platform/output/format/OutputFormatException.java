package dev.peregrine.platform.output.format;

/** An output format that Falco rejects; the message is current Falco's exact text. */
public final class OutputFormatException extends Exception {
    private final String legacyMessage;

    OutputFormatException(String message, String legacyMessage) {
        super(message);
        this.legacyMessage = legacyMessage;
    }

    OutputFormatException(String message) {
        this(message, message);
    }

    /**
     * The text older Falco versions (libs before the transformer-aware formatter) printed for the
     * same error, e.g. {@code invalid formatting token not_a_real_field} where current Falco prints
     * {@code unknown filter: unexpected token after '}. Equal to the message for other errors.
     */
    public String legacyMessage() {
        return legacyMessage;
    }
}
