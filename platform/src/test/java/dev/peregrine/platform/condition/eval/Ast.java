package dev.peregrine.platform.condition.eval;

import dev.peregrine.platform.condition.ast.And;
import dev.peregrine.platform.condition.ast.Check;
import dev.peregrine.platform.condition.ast.Expr;
import dev.peregrine.platform.condition.ast.FieldRef;
import dev.peregrine.platform.condition.ast.FieldValue;
import dev.peregrine.platform.condition.ast.ListLiteral;
import dev.peregrine.platform.condition.ast.Literal;
import dev.peregrine.platform.condition.ast.Not;
import dev.peregrine.platform.condition.ast.Operand;
import dev.peregrine.platform.condition.ast.Or;
import dev.peregrine.platform.condition.ast.Transformer;
import dev.peregrine.platform.condition.ast.TransformerArg;
import dev.peregrine.platform.condition.ast.TransformerList;
import dev.peregrine.platform.condition.ast.TransformerValue;
import dev.peregrine.platform.condition.ast.Value;
import java.util.Arrays;
import java.util.List;

/** Short builders for condition ASTs, so tests do not depend on the parser. */
final class Ast {

    private Ast() {
    }

    static FieldRef field(String name) {
        return new FieldRef(name, null, 0);
    }

    static FieldRef field(String name, String argument) {
        return new FieldRef(name, argument, 0);
    }

    static Literal lit(String text) {
        return new Literal(text, false, 0);
    }

    static Literal quoted(String text) {
        return new Literal(text, true, 0);
    }

    static ListLiteral list(String... items) {
        return new ListLiteral(Arrays.stream(items).map(Ast::lit).toList(), 0);
    }

    static FieldValue val(String name) {
        return new FieldValue(field(name), 0);
    }

    static Transformer tr(String name, TransformerArg... args) {
        return new Transformer(name, List.of(args), null, 0);
    }

    static Transformer trArg(String name, String argument, TransformerArg... args) {
        return new Transformer(name, List.of(args), argument, 0);
    }

    static TransformerList tlist(TransformerArg... items) {
        return new TransformerList(List.of(items), 0);
    }

    static TransformerValue rhs(Transformer transformer) {
        return new TransformerValue(transformer, 0);
    }

    static Check check(Operand left, String operator, Value right) {
        return new Check(left, operator, null, right, 0);
    }

    /** A check whose right side is one bare literal. */
    static Check check(String field, String operator, String value) {
        return new Check(field(field), operator, null, lit(value), 0);
    }

    static Check in(String field, String operator, String... values) {
        return new Check(field(field), operator, null, list(values), 0);
    }

    static Check modified(String field, String operator, String modifier, String... values) {
        return new Check(field(field), operator, modifier, list(values), 0);
    }

    static Check exists(Operand left) {
        return new Check(left, "exists", null, null, 0);
    }

    static And and(Expr... children) {
        return new And(List.of(children), 0);
    }

    static Or or(Expr... children) {
        return new Or(List.of(children), 0);
    }

    static Not not(Expr child) {
        return new Not(child, 0);
    }
}
