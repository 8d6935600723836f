package dev.peregrine.platform.condition.ast;

/** The right-hand side of a check. */
public sealed interface Value permits Literal, ListLiteral, FieldValue, TransformerValue {
}
