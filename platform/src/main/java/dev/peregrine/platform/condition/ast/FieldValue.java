package dev.peregrine.platform.condition.ast;

/** {@code val(field)} on the right side: compare against another field's value. */
public record FieldValue(FieldRef field, int offset) implements Value {
}
