package dev.peregrine.platform.condition.ast;

import java.util.List;

/** A parenthesised list inside transformer arguments; items may be fields, transformers or literals. */
public record TransformerList(List<TransformerArg> items, int offset) implements TransformerArg {
    public TransformerList {
        items = List.copyOf(items);
    }
}
