package dev.peregrine.platform.rules.compile;

import dev.peregrine.platform.condition.ast.Expr;
import dev.peregrine.platform.condition.parse.ConditionParser;
import dev.peregrine.platform.condition.parse.ConditionSyntaxException;
import dev.peregrine.platform.output.format.FieldSegment;
import dev.peregrine.platform.output.format.FormatSegment;
import dev.peregrine.platform.output.format.OutputFormatException;
import dev.peregrine.platform.output.format.OutputFormatParser;
import dev.peregrine.platform.output.format.TextSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@link RuleSyntax} over the project's condition and output-format parsers.
 *
 * <p>Output errors use the parser's legacy text ({@code invalid formatting token X}): the
 * conformance corpus, checked against current Falco by its Go port, expects it.
 */
public final class ParserRuleSyntax implements RuleSyntax {

    @Override
    public Expr parseCondition(String condition) throws SyntaxError {
        try {
            return ConditionParser.parse(condition);
        } catch (ConditionSyntaxException e) {
            throw new SyntaxError(e.getMessage(), e.offset());
        }
    }

    @Override
    public List<FormatPart> parseOutput(String format, Predicate<String> isFieldName) throws SyntaxError {
        List<FormatSegment> segments;
        try {
            segments = OutputFormatParser.parse(format, isFieldName);
        } catch (OutputFormatException e) {
            throw new SyntaxError(e.legacyMessage(), 0);
        }
        List<FormatPart> parts = new ArrayList<>(segments.size());
        for (FormatSegment segment : segments) {
            parts.add(switch (segment) {
                case TextSegment t -> new TextPart(t.text());
                case FieldSegment f -> new FieldPart(f.operand(), f.width(), f.token());
            });
        }
        return parts;
    }
}
