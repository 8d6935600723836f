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
        List<Token> tokens = ConditionScanner.scan(condition);
        FalcoCondition parser = new FalcoCondition(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        // The scanner already rejected every invalid token sequence, so SLL always succeeds in
        // practice; the LL retry only guards against a grammar change that breaks that property.
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        FalcoCondition.ConditionContext tree;
        try {
            tree = parser.condition();
        } catch (ParseCancellationException sllFailed) {
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new DefaultErrorStrategy());
            tree = parser.condition();
            if (parser.getNumberOfSyntaxErrors() > 0) {
                throw new IllegalStateException("scanner and grammar disagree on: " + condition);
            }
        }
        return AstBuilder.orExpr(tree.orExpr());
    }
}
