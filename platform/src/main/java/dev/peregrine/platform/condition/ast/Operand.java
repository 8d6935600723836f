package dev.peregrine.platform.condition.ast;

/** The left side of a check, or a transformer argument: a field or a transformer application. */
public sealed interface Operand extends TransformerArg permits FieldRef, Transformer {
}
