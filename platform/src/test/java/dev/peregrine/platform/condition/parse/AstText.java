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
import dev.peregrine.platform.condition.ast.Or;
import dev.peregrine.platform.condition.ast.Transformer;
import dev.peregrine.platform.condition.ast.TransformerArg;
import dev.peregrine.platform.condition.ast.TransformerList;
import dev.peregrine.platform.condition.ast.TransformerValue;
import dev.peregrine.platform.condition.ast.Value;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Compact text of an AST for table-driven tests: {@code and(..)}, {@code or(..)}, {@code not(..)},
 * checks in brackets {@code [proc.name = cat]}, quoted literals in double quotes, macros as
 * {@code @name}, lists in parentheses.
 */
final class AstText {
    private AstText() {
    }

    static String of(Expr e) {
        return switch (e) {
            case And a -> "and(" + join(a.children()) + ")";
            case Or o -> "or(" + join(o.children()) + ")";
            case Not n -> "not(" + of(n.child()) + ")";
            case MacroRef m -> "@" + m.name();
            case Check c -> "[" + arg(c.left()) + " " + c.operator()
                    + (c.modifier() == null ? "" : " " + c.modifier())
                    + (c.right() == null ? "" : " " + value(c.right())) + "]";
        };
    }

    private static String join(List<Expr> children) {
        return children.stream().map(AstText::of).collect(Collectors.joining(", "));
    }

    static String value(Value v) {
        return switch (v) {
            case Literal l -> arg(l);
            case ListLiteral l -> "(" + l.items().stream().map(AstText::arg).collect(Collectors.joining(", ")) + ")";
            case FieldValue f -> "val(" + arg(f.field()) + ")";
            case TransformerValue t -> arg(t.transformer());
        };
    }

    static String arg(TransformerArg a) {
        return switch (a) {
            case FieldRef f -> f.argument() == null ? f.name() : f.name() + "<" + f.argument() + ">";
            case Literal l -> l.quoted() ? "\"" + l.text() + "\"" : l.text();
            case TransformerList l -> "(" + l.items().stream().map(AstText::arg).collect(Collectors.joining(", ")) + ")";
            case Transformer t -> t.name() + "(" + t.args().stream().map(AstText::arg).collect(Collectors.joining(", "))
                    + ")" + (t.argument() == null ? "" : "<" + t.argument() + ">");
        };
    }
}
