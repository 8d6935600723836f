package dev.peregrine.platform.condition.ast;

import java.util.List;

/** Disjunction of two or more expressions ({@code a or b or c} is one node). */
public record Or(List<Expr> children, int offset) implements Expr {
    public Or {
        children = List.copyOf(children);
    }
}
