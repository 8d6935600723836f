package dev.peregrine.platform.output.format;

import dev.peregrine.platform.condition.ast.Operand;

/**
 * A {@code %} token of an output format.
 *
 * @param operand the field or transformer to print
 * @param width   {@code %Nfield} pad/truncate width; 0 when none
 * @param token   the token as written after {@code %} and the width, e.g. {@code proc.aname[2]}
 */
public record FieldSegment(Operand operand, int width, String token) implements FormatSegment {
}
