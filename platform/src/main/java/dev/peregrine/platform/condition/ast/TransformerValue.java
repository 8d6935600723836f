package dev.peregrine.platform.condition.ast;

/** A transformer on the right side: compare against its result. */
public record TransformerValue(Transformer transformer, int offset) implements Value {
}
