package dev.peregrine.platform.rules.compile;

import dev.peregrine.platform.condition.ast.Expr;
import dev.peregrine.platform.condition.ast.Operand;
import java.util.List;
import java.util.function.Predicate;

/**
 * The condition and output-format syntax the compiler needs, kept behind an interface so the
 * rules pipeline depends on the parser in one place ({@link ParserRuleSyntax}).
 */
public interface RuleSyntax {

    /** Parses a condition (lists already substituted). */
    Expr parseCondition(String condition) throws SyntaxError;

    /** Splits an output format into text and field parts. */
    List<FormatPart> parseOutput(String format, Predicate<String> isFieldName) throws SyntaxError;

    /** One piece of an output format. */
    sealed interface FormatPart permits TextPart, FieldPart {
    }

    /** Literal text. */
    record TextPart(String text) implements FormatPart {
    }

    /**
     * A field or transformer to print.
     *
     * @param width pad/truncate width, 0 for none
     * @param token the field as written (the JSON output key)
     */
    record FieldPart(Operand operand, int width, String token) implements FormatPart {
    }

    /** A syntax error with Falco's message and the offset it points at. */
    final class SyntaxError extends Exception {
        private final int offset;

        public SyntaxError(String message, int offset) {
            super(message, null, false, false);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }
}
