package dev.peregrine.platform.condition.parse;

import dev.peregrine.platform.condition.ast.And;
import dev.peregrine.platform.condition.ast.Check;
import dev.peregrine.platform.condition.ast.Expr;
import dev.peregrine.platform.condition.ast.FieldRef;
import dev.peregrine.platform.condition.ast.FieldValue;
import dev.peregrine.platform.condition.ast.ListLiteral;
import dev.peregrine.platform.condition.ast.Literal;
import dev.peregrine.platform.condition.ast.MacroRef;
import dev.peregrine.platform.condition.ast.Not;
import dev.peregrine.platform.condition.ast.Operand;
import dev.peregrine.platform.condition.ast.Or;
import dev.peregrine.platform.condition.ast.Transformer;
import dev.peregrine.platform.condition.ast.TransformerArg;
import dev.peregrine.platform.condition.ast.TransformerList;
import dev.peregrine.platform.condition.ast.TransformerValue;
import dev.peregrine.platform.condition.ast.Value;
import dev.peregrine.platform.condition.grammar.FalcoCondition;
import dev.peregrine.platform.condition.grammar.FalcoCondition.AndExprContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.CheckContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.FieldValueContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.GroupContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.ListPredicateContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.MacroContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.ModifiedPredicateContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.NotExprContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.NumberPredicateContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.OperandContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.OrExprContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.PredicateContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.PrimaryContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.RightSideContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.StringPredicateContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.TransformerContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.TransformerValueContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.UnaryPredicateContext;
import dev.peregrine.platform.condition.grammar.FalcoCondition.ValueListContext;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/** Turns a {@code FalcoCondition} parse tree into the condition AST. */
final class AstBuilder {
    private AstBuilder() {
    }

    static Expr orExpr(OrExprContext ctx) {
        List<AndExprContext> parts = ctx.andExpr();
        if (parts.size() == 1) {
            return andExpr(parts.get(0));
        }
        List<Expr> children = new ArrayList<>(parts.size());
        for (AndExprContext part : parts) {
            children.add(andExpr(part));
        }
        return new Or(children, children.get(0).offset());
    }

    private static Expr andExpr(AndExprContext ctx) {
        List<NotExprContext> parts = ctx.notExpr();
        if (parts.size() == 1) {
            return notExpr(parts.get(0));
        }
        List<Expr> children = new ArrayList<>(parts.size());
        for (NotExprContext part : parts) {
            children.add(notExpr(part));
        }
        return new And(children, children.get(0).offset());
    }

    private static Expr notExpr(NotExprContext ctx) {
        Expr child = primary(ctx.primary());
        List<TerminalNode> nots = ctx.NOT();
        // Falco toggles a flag per "not", so an even run of them cancels out.
        if (nots.size() % 2 == 0) {
            return child;
        }
        return new Not(child, nots.get(0).getSymbol().getStartIndex());
    }

    private static Expr primary(PrimaryContext ctx) {
        if (ctx instanceof GroupContext group) {
            return orExpr(group.orExpr());
        }
        if (ctx instanceof MacroContext macro) {
            Token t = macro.IDENT().getSymbol();
            return new MacroRef(value(t), t.getStartIndex());
        }
        CheckContext check = (CheckContext) ctx;
        Operand left = operand(check.operand());
        return predicate(left, check.predicate(), start(check));
    }

    static Operand operand(OperandContext ctx) {
        if (ctx.FIELD() != null) {
            return field(ctx.FIELD().getSymbol());
        }
        return transformer(ctx.transformer());
    }

    private static FieldRef field(Token t) {
        ScannedToken s = (ScannedToken) t;
        return new FieldRef(s.value, s.argument, s.getStartIndex());
    }

    private static Transformer transformer(TransformerContext ctx) {
        List<TransformerArg> args = new ArrayList<>();
        for (int i = 1; i < ctx.getChildCount() - 1; i++) {
            ParseTree child = ctx.getChild(i);
            if (child instanceof FalcoCondition.TransformerArgContext arg) {
                args.add(transformerArg(arg.getChild(0)));
            }
        }
        ScannedToken open = (ScannedToken) ctx.TRANSFORMER().getSymbol();
        ScannedToken close = (ScannedToken) ctx.TCLOSE().getSymbol();
        return new Transformer(open.value, args, close.argument, open.getStartIndex());
    }

    /** One transformer argument or transformer-list item (a token or a nested rule). */
    private static TransformerArg transformerArg(ParseTree node) {
        if (node instanceof TerminalNode terminal) {
            ScannedToken t = (ScannedToken) terminal.getSymbol();
            return switch (t.getType()) {
                case FalcoCondition.FIELD -> field(t);
                case FalcoCondition.STRING, FalcoCondition.NUMBER -> literal(t);
                default -> throw new IllegalStateException("unexpected transformer argument " + t.getText());
            };
        }
        if (node instanceof TransformerContext nested) {
            return transformer(nested);
        }
        FalcoCondition.TransformerListContext list = (FalcoCondition.TransformerListContext) node;
        List<TransformerArg> items = new ArrayList<>();
        for (FalcoCondition.TransformerItemContext item : list.transformerItem()) {
            items.add(transformerArg(item.getChild(0)));
        }
        return new TransformerList(items, start(list));
    }

    private static Check predicate(Operand left, PredicateContext ctx, int offset) {
        if (ctx instanceof UnaryPredicateContext) {
            return new Check(left, "exists", null, null, offset);
        }
        if (ctx instanceof NumberPredicateContext p) {
            Value right = p.NUMBER() != null ? literal(p.NUMBER().getSymbol()) : rightSide(p.rightSide());
            return new Check(left, value(p.NUM_OP().getSymbol()), null, right, offset);
        }
        if (ctx instanceof StringPredicateContext p) {
            Value right = p.STRING() != null ? literal(p.STRING().getSymbol()) : rightSide(p.rightSide());
            return new Check(left, value(p.STR_OP().getSymbol()), null, right, offset);
        }
        if (ctx instanceof ModifiedPredicateContext p) {
            Value right = p.IDENT() != null ? singleton(p.IDENT().getSymbol()) : valueList(p.valueList());
            return new Check(left, value(p.STR_OP().getSymbol()), value(p.MODIFIER().getSymbol()), right, offset);
        }
        ListPredicateContext p = (ListPredicateContext) ctx;
        Value right;
        if (p.IDENT() != null) {
            right = singleton(p.IDENT().getSymbol());
        } else if (p.valueList() != null) {
            right = valueList(p.valueList());
        } else {
            right = rightSide(p.rightSide());
        }
        return new Check(left, value(p.LIST_OP().getSymbol()), null, right, offset);
    }

    private static Value rightSide(RightSideContext ctx) {
        if (ctx instanceof FieldValueContext f) {
            return new FieldValue(field(f.FIELD().getSymbol()), start(f));
        }
        TransformerValueContext t = (TransformerValueContext) ctx;
        return new TransformerValue(transformer(t.transformer()), start(t));
    }

    private static ListLiteral valueList(ValueListContext ctx) {
        List<TerminalNode> strings = ctx.STRING();
        List<Literal> items = new ArrayList<>(strings.size());
        for (TerminalNode s : strings) {
            items.add(literal(s.getSymbol()));
        }
        return new ListLiteral(items, start(ctx));
    }

    /** A bare identifier where a list is expected is a one-item list. */
    private static ListLiteral singleton(Token t) {
        return new ListLiteral(List.of(new Literal(value(t), false, t.getStartIndex())), t.getStartIndex());
    }

    private static Literal literal(Token t) {
        ScannedToken s = (ScannedToken) t;
        return new Literal(s.value, s.quoted, s.getStartIndex());
    }

    private static String value(Token t) {
        return ((ScannedToken) t).value;
    }

    private static int start(ParserRuleContext ctx) {
        return ctx.getStart().getStartIndex();
    }
}
