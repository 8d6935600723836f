package dev.peregrine.platform.condition.ast;

/**
 * A literal: a bare string, quoted string (escapes decoded, quotes removed) or number, as text.
 * A bare identifier after {@code in}/{@code intersects}/{@code pmatch} is a one-element value and
 * appears as a {@link ListLiteral} of one item.
 *
 * @param text   the value
 * @param quoted true when it was written in quotes
 */
public record Literal(String text, boolean quoted, int offset) implements Value, TransformerArg {
}
