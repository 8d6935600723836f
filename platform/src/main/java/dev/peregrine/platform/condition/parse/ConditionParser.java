package dev.peregrine.platform.condition.parse;

import dev.peregrine.platform.condition.ast.Expr;
import dev.peregrine.platform.condition.grammar.FalcoCondition;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/** Parses a Falco rule condition into the condition AST, failing with Falco's messages. */
public final class ConditionParser {
    private ConditionParser() {
    }

    /**
     * Parses one condition (after list substitution).
     *
     * @param condition the condition text
     * @return its AST: n-ary And/Or chains, folded double negations, decoded literals
     * @throws ConditionSyntaxException when the text is not a valid condition; the message is Falco's
     */
    public static Expr parse(String condition) throws ConditionSyntaxException {
        FalcoCondition parser = parser(ConditionScanner.scan(condition));
        FalcoCondition.ConditionContext tree;
        try {
            tree = parser.condition();
        } catch (ParseCancellationException sllFailed) {
            retryWithFullContext(parser);
            tree = parser.condition();
            checkNoErrors(parser, condition);
        }
        return AstBuilder.orExpr(tree.orExpr());
    }

    /**
     * Parses the field or transformer at the start of {@code text} and ignores what follows, like
     * Falco does for each {@code %} token of an output format.
     *
     * @param text text starting right at the field name or transformer name (no leading blanks)
     * @return the operand and how many characters of {@code text} it spans
     * @throws ConditionSyntaxException when no operand starts there; the message is Falco's
     */
    public static OperandPrefix parseOperandPrefix(String text) throws ConditionSyntaxException {
        int[] consumed = new int[1];
        FalcoCondition parser = parser(ConditionScanner.scanOperand(text, consumed));
        FalcoCondition.OperandOnlyContext tree;
        try {
            tree = parser.operandOnly();
        } catch (ParseCancellationException sllFailed) {
            retryWithFullContext(parser);
            tree = parser.operandOnly();
            checkNoErrors(parser, text);
        }
        return new OperandPrefix(AstBuilder.operand(tree.operand()), consumed[0]);
    }

    /**
     * The scanner already rejected every invalid token sequence, so SLL always succeeds in
     * practice; the LL retry only guards against a grammar change that breaks that property.
     */
    private static FalcoCondition parser(List<Token> tokens) {
        FalcoCondition parser = new FalcoCondition(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        return parser;
    }

    private static void retryWithFullContext(FalcoCondition parser) {
        parser.reset();
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        parser.setErrorHandler(new DefaultErrorStrategy());
    }

    private static void checkNoErrors(FalcoCondition parser, String text) {
        if (parser.getNumberOfSyntaxErrors() > 0) {
            throw new IllegalStateException("scanner and grammar disagree on: " + text);
        }
    }
}
