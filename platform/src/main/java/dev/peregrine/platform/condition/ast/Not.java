package dev.peregrine.platform.condition.ast;

/** Negation. The parser folds {@code not not a} into {@code a}. */
public record Not(Expr child, int offset) implements Expr {
}
