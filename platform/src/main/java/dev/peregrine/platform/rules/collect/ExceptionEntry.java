package dev.peregrine.platform.rules.collect;

import java.util.List;

/**
 * A value of an exception's {@code fields}, {@code comps} or {@code values}: a scalar or a
 * (possibly nested) sequence, kept as raw text.
 *
 * @param text  the scalar text (null for sequences)
 * @param items the elements of a sequence (null for scalars)
 */
public record ExceptionEntry(String text, List<ExceptionEntry> items) {

    public ExceptionEntry {
        items = items == null ? null : List.copyOf(items);
    }

    public static ExceptionEntry scalar(String text) {
        return new ExceptionEntry(text, null);
    }

    public static ExceptionEntry sequence(List<ExceptionEntry> items) {
        return new ExceptionEntry(null, items);
    }

    public boolean isList() {
        return items != null;
    }

    /** Falco's notion of "given": a non-empty sequence, or a non-empty scalar. */
    public boolean isValid() {
        return items != null ? !items.isEmpty() : text != null && !text.isEmpty();
    }
}
