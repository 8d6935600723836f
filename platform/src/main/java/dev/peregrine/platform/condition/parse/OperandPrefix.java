package dev.peregrine.platform.condition.parse;

import dev.peregrine.platform.condition.ast.Operand;

/**
 * A field or transformer parsed from the start of a text.
 *
 * @param operand the parsed field or transformer
 * @param length  number of characters of the text it spans
 */
public record OperandPrefix(Operand operand, int length) {
}
