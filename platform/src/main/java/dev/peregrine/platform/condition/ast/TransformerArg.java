package dev.peregrine.platform.condition.ast;

/** An argument of a transformer: a field, a nested transformer, a literal or a literal list. */
public sealed interface TransformerArg permits Operand, Literal, TransformerList {
}
