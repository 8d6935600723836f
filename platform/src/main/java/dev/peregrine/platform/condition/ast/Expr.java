package dev.peregrine.platform.condition.ast;

/** A boolean expression of a condition. */
public sealed interface Expr permits And, Or, Not, Check, MacroRef {
    /** Offset of the expression's first character in the parsed text. */
    int offset();
}
