package dev.peregrine.platform.rules.compile;

import dev.peregrine.api.EventTypeCatalog;
import dev.peregrine.platform.condition.ast.And;
import dev.peregrine.platform.condition.ast.Check;
import dev.peregrine.platform.condition.ast.Expr;
import dev.peregrine.platform.condition.ast.FieldRef;
import dev.peregrine.platform.condition.ast.ListLiteral;
import dev.peregrine.platform.condition.ast.Literal;
import dev.peregrine.platform.condition.ast.MacroRef;
import dev.peregrine.platform.condition.ast.Not;
import dev.peregrine.platform.condition.ast.Or;
import java.util.BitSet;
import java.util.List;

/**
 * The event codes an expanded syscall condition can match (§4.1): negations pushed to the leaves,
 * {@code and} intersects, {@code or} unites; only {@code evt.type} and {@code evt.num} leaves
 * restrict, every other leaf is neutral (all codes).
 */
public final class EventTypeCodes {

    private final EventTypeCatalog types;
    private final int count;

    public EventTypeCodes(EventTypeCatalog types) {
        this.types = types;
        this.count = types.codeCount();
    }

    /** Codes of {@code expr} (macros expanded). */
    public BitSet of(Expr expr) {
        return visit(expr, false);
    }

    private BitSet visit(Expr expr, boolean negated) {
        return switch (expr) {
            case And and -> combine(and.children(), negated, !negated);
            case Or or -> combine(or.children(), negated, negated);
            case Not not -> visit(not.child(), !negated);
            case Check check -> leaf(check, negated);
            case MacroRef ignored -> all();
        };
    }

    /** {@code intersect} true: intersection of the children's codes, else union. */
    private BitSet combine(List<Expr> children, boolean negated, boolean intersect) {
        BitSet result = null;
        for (Expr child : children) {
            BitSet codes = visit(child, negated);
            if (result == null) {
                result = codes;
            } else if (intersect) {
                result.and(codes);
            } else {
                result.or(codes);
            }
        }
        return result == null ? all() : result;
    }

    private BitSet leaf(Check check, boolean negated) {
        if (!(check.left() instanceof FieldRef field) || field.argument() != null) {
            return all();
        }
        String name = field.name();
        String op = check.operator();
        if (name.equals("evt.type") || name.equals("syscall.type")) {
            if (op.equals("exists")) {
                return negated ? new BitSet() : all();
            }
            if (check.modifier() != null || !(op.equals("=") || op.equals("==") || op.equals("in")
                    || op.equals("!="))) {
                return all();
            }
            BitSet codes = new BitSet();
            for (String value : literals(check)) {
                for (int code : types.codesOf(value)) {
                    if (code >= 0 && code < count) {
                        codes.set(code);
                    }
                }
            }
            boolean complement = negated ^ op.equals("!=");
            return complement ? complement(codes) : codes;
        }
        if (name.equals("evt.num")) {
            Boolean never = evtNumNeverMatches(check);
            if (never == null) {
                return all();
            }
            BitSet codes = never ? new BitSet() : all();
            return negated ? complement(codes) : codes;
        }
        return all();
    }

    /**
     * Event numbers start at 1: true when the check can never hold, false when it always holds,
     * null when it depends on the event.
     */
    private static Boolean evtNumNeverMatches(Check check) {
        String op = check.operator();
        List<String> values = literals(check);
        if (op.equals("in")) {
            if (values.isEmpty() || values.stream().allMatch(v -> v.equals("0"))) {
                return true;
            }
            return null;
        }
        if (values.size() != 1) {
            return null;
        }
        long v;
        try {
            v = Long.parseLong(values.getFirst());
        } catch (NumberFormatException e) {
            return null;
        }
        return switch (op) {
            case "=", "==" -> v < 1 ? Boolean.TRUE : null;
            case "<" -> v <= 1 ? Boolean.TRUE : null;
            case "<=" -> v < 1 ? Boolean.TRUE : null;
            case "!=" -> v < 1 ? Boolean.FALSE : null;
            case ">" -> v < 1 ? Boolean.FALSE : null;
            case ">=" -> v <= 1 ? Boolean.FALSE : null;
            default -> null;
        };
    }

    private static List<String> literals(Check check) {
        return switch (check.right()) {
            case Literal l -> List.of(l.text());
            case ListLiteral list -> list.items().stream().map(Literal::text).toList();
            case null, default -> List.of();
        };
    }

    private BitSet all() {
        BitSet all = new BitSet(count);
        all.set(0, count);
        return all;
    }

    private BitSet complement(BitSet codes) {
        BitSet result = all();
        result.andNot(codes);
        return result;
    }
}
