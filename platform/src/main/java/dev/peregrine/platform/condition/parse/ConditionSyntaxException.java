package dev.peregrine.platform.condition.parse;

/**
 * A condition that does not follow Falco's grammar. The message is Falco's exact text; the
 * position is where Falco's parser stood when it gave up.
 */
public final class ConditionSyntaxException extends Exception {
    private final int offset;
    private final int line;
    private final int column;

    /**
     * @param message Falco's message
     * @param offset  0-based character offset in the condition text
     * @param line    1-based line, counted like Falco (each {@code \r} or {@code \n} starts a line)
     * @param column  1-based column
     */
    public ConditionSyntaxException(String message, int offset, int line, int column) {
        super(message);
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    /** Builds the exception for an offset in {@code text}, computing line and column like Falco. */
    static ConditionSyntaxException at(String text, int offset, String message) {
        int line = 1;
        int column = 1;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            column++;
            if (c == '\r' || c == '\n') {
                column = 1;
                line++;
            }
        }
        return new ConditionSyntaxException(message, offset, line, column);
    }

    /** 0-based character offset of the error. */
    public int offset() {
        return offset;
    }

    /** 1-based line of the error. */
    public int line() {
        return line;
    }

    /** 1-based column of the error. */
    public int column() {
        return column;
    }
}
