package dev.peregrine.platform.rules.compile;

import dev.peregrine.platform.condition.ast.Expr;
import dev.peregrine.platform.condition.ast.FieldRef;
import dev.peregrine.platform.condition.parse.ConditionParser;
import dev.peregrine.platform.condition.parse.ConditionSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@link RuleSyntax} over the project's condition parser. The output-format part is a small
 * interim splitter (plain fields only) until the output format parser is merged.
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
        List<FormatPart> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c != '%') {
                text.append(c);
                i++;
                continue;
            }
            int start = i;
            i++;
            if (i >= n) {
                throw new SyntaxError("invalid formatting syntax: formatting cannot end with a %", start);
            }
            int width = 0;
            while (i < n && Character.isDigit(format.charAt(i))) {
                width = width * 10 + (format.charAt(i) - '0');
                i++;
            }
            if (i >= n) {
                throw new SyntaxError("invalid formatting syntax: formatting cannot end with a number", start);
            }
            int nameEnd = i;
            while (nameEnd < n && isNameChar(format.charAt(nameEnd))) {
                nameEnd++;
            }
            int best = -1;
            for (int end = nameEnd; end > i; end--) {
                if (isFieldName.test(format.substring(i, end))) {
                    best = end;
                    break;
                }
            }
            if (best < 0) {
                int tokenEnd = i;
                while (tokenEnd < n && !Character.isWhitespace(format.charAt(tokenEnd))) {
                    tokenEnd++;
                }
                throw new SyntaxError("invalid formatting token " + format.substring(i, tokenEnd), start);
            }
            String name = format.substring(i, best);
            String argument = null;
            int end = best;
            if (end < n && format.charAt(end) == '[') {
                int close = format.indexOf(']', end);
                if (close < 0) {
                    throw new SyntaxError("invalid formatting token " + format.substring(i), start);
                }
                argument = format.substring(end + 1, close);
                end = close + 1;
            }
            if (!text.isEmpty()) {
                parts.add(new TextPart(text.toString()));
                text.setLength(0);
            }
            parts.add(new FieldPart(new FieldRef(name, argument, i), width, format.substring(i, end)));
            i = end;
        }
        if (!text.isEmpty()) {
            parts.add(new TextPart(text.toString()));
        }
        return parts;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    }
}
