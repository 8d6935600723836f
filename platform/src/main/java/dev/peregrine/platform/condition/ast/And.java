package dev.peregrine.platform.condition.ast;

import java.util.List;

/** Conjunction of two or more expressions ({@code a and b and c} is one node). */
public record And(List<Expr> children, int offset) implements Expr {
    public And {
        children = List.copyOf(children);
    }
}
