package dev.peregrine.platform.condition.ast;

import java.util.List;

/** A parenthesised list of literals {@code (a, "b c", 3)}; may be empty. */
public record ListLiteral(List<Literal> items, int offset) implements Value {
    public ListLiteral {
        items = List.copyOf(items);
    }
}
