package dev.peregrine.platform.output.format;

import dev.peregrine.platform.condition.ast.FieldRef;
import dev.peregrine.platform.condition.ast.Literal;
import dev.peregrine.platform.condition.ast.Transformer;
import dev.peregrine.platform.condition.ast.TransformerArg;
import dev.peregrine.platform.condition.ast.TransformerList;
import dev.peregrine.platform.condition.parse.ConditionParser;
import dev.peregrine.platform.condition.parse.ConditionSyntaxException;
import dev.peregrine.platform.condition.parse.OperandPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Splits a rule output format into text and {@code %} tokens the way Falco's event formatter does.
 *
 * <p>A token is {@code %}, an optional width, then a field (with optional {@code [arg]}) or a
 * transformer application. Falco tries the longest remaining text first and shortens it one
 * character at a time until a prefix parses and names only known fields, so
 * {@code %proc.nameand} is {@code proc.name} followed by the text {@code and}. There is no escape
 * for a literal {@code %}.
 */
public final class OutputFormatParser {
    private OutputFormatParser() {
    }

    /**
     * Tokenizes an output format.
     *
     * @param format      the output format as written in the rule (after {@code append_output})
     * @param isFieldName whether a dotted field name (without argument) is a field of the rule's source;
     *                    it must also accept the dotted suffix forms a field interprets
     *                    ({@code evt.arg.flags}), as {@code FieldCatalog.resolve} does, or the token
     *                    would stop at the shorter declared name ({@code evt.arg} + text {@code .flags})
     * @return the segments in order; adjacent tokens produce no empty text between them
     * @throws OutputFormatException with Falco's message when the format is invalid
     */
    public static List<FormatSegment> parse(String format, Predicate<String> isFieldName)
            throws OutputFormatException {
        if (format.isEmpty()) {
            throw new OutputFormatException("empty formatting token");
        }
        // A leading '*' asks to print even when some values are missing; Falco always adds it.
        String f = format.charAt(0) == '*' ? format.substring(1) : format;
        int n = f.length();
        List<FormatSegment> segments = new ArrayList<>();
        int textStart = 0;
        int j = 0;
        for (; j < n; j++) {
            if (f.charAt(j) != '%') {
                continue;
            }
            if (textStart != j) {
                segments.add(new TextSegment(f.substring(textStart, j)));
            }
            if (j == n - 1) {
                throw new OutputFormatException("invalid formatting syntax: formatting cannot end with a %");
            }
            int width = 0;
            if (isDigit(f.charAt(j + 1))) {
                width = leadingNumber(f, j + 1);
                while (true) {
                    if (j == n - 1) {
                        throw new OutputFormatException(
                                "invalid formatting syntax: formatting cannot end with a number");
                    }
                    if (!isDigit(f.charAt(j + 1))) {
                        break;
                    }
                    j++;
                }
            }
            String rest = f.substring(j + 1);
            OperandPrefix token = longestValidToken(rest, isFieldName);
            segments.add(new FieldSegment(token.operand(), width, rest.substring(0, token.length())));
            j += token.length();
            textStart = j + 1;
        }
        if (textStart < n) {
            segments.add(new TextSegment(f.substring(textStart)));
        }
        return List.copyOf(segments);
    }

    /**
     * Falco's search: parse the whole rest, then ever shorter prefixes, until a field or
     * transformer parses and every field in it is known.
     */
    private static OperandPrefix longestValidToken(String rest, Predicate<String> isFieldName)
            throws OutputFormatException {
        int candidate = rest.length();
        ConditionSyntaxException lastError = null;
        while (candidate > 0) {
            try {
                OperandPrefix prefix = ConditionParser.parseOperandPrefix(rest.substring(0, candidate));
                if (fieldsKnown(prefix.operand(), isFieldName)) {
                    return prefix;
                }
                // Every candidate from here down to the parsed length parses to the same unknown
                // field, so the next one worth trying is one character shorter than that.
                candidate = prefix.length() - 1;
            } catch (ConditionSyntaxException e) {
                lastError = e;
                candidate--;
            }
        }
        String reason = lastError == null ? "unexpected token after '" : lastError.getMessage();
        throw new OutputFormatException("unknown filter: " + reason, "invalid formatting token " + rest);
    }

    private static boolean fieldsKnown(TransformerArg arg, Predicate<String> isFieldName) {
        return switch (arg) {
            case FieldRef field -> isFieldName.test(field.name());
            case Transformer transformer -> allKnown(transformer.args(), isFieldName);
            case TransformerList list -> allKnown(list.items(), isFieldName);
            case Literal literal -> true;
        };
    }

    private static boolean allKnown(List<TransformerArg> args, Predicate<String> isFieldName) {
        for (TransformerArg arg : args) {
            if (!fieldsKnown(arg, isFieldName)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The decimal number at {@code from}, saturating instead of overflowing. */
    private static int leadingNumber(String s, int from) {
        long value = 0;
        for (int i = from; i < s.length() && isDigit(s.charAt(i)); i++) {
            value = Math.min(Integer.MAX_VALUE, value * 10 + (s.charAt(i) - '0'));
        }
        return (int) value;
    }
}
