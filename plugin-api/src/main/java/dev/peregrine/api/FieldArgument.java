package dev.peregrine.api;

/**
 * The argument of a field reference ({@code field[arg]}), as parsed by the host.
 *
 * @param text    the raw argument text, empty when absent
 * @param index   the numeric index when the text is all digits, else {@link #NO_INDEX}
 * @param present true when the reference had brackets
 */
public record FieldArgument(String text, long index, boolean present) {

    /** Index value when the argument is not a number (Falco passes 2^64-1). */
    public static final long NO_INDEX = -1L;

    private static final FieldArgument NONE = new FieldArgument("", NO_INDEX, false);

    public FieldArgument {
        text = text == null ? "" : text;
    }

    /** No argument. */
    public static FieldArgument none() {
        return NONE;
    }

    /** An argument given as text; its index is set when the text is all ASCII digits. */
    public static FieldArgument of(String text) {
        long index = NO_INDEX;
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9') && text.length() < 19) {
            index = Long.parseLong(text);
        }
        return new FieldArgument(text, index, true);
    }

    /** True when the argument is a non-negative decimal number. */
    public boolean isIndex() {
        return index != NO_INDEX;
    }
}
