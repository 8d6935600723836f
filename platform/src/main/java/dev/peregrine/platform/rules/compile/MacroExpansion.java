package dev.peregrine.platform.rules.compile;

import dev.peregrine.platform.condition.ast.And;
import dev.peregrine.platform.condition.ast.Check;
import dev.peregrine.platform.condition.ast.Expr;
import dev.peregrine.platform.condition.ast.MacroRef;
import dev.peregrine.platform.condition.ast.Not;
import dev.peregrine.platform.condition.ast.Or;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.Set;

/**
 * Replaces macro references in a condition AST by the macros' conditions, recursively (§3.2).
 * A reference met again on its own expansion path is a loop; names that are not visible macros
 * are reported as undefined after the walk (a loop wins over an undefined name).
 */
final class MacroExpansion {

    /** Why expansion failed: {@code loop} names the macro found again on the path. */
    record Failure(String message) {
    }

    private final Function<String, Expr> visible;
    private final Set<String> expanded = new LinkedHashSet<>();
    private final List<String> undefined = new ArrayList<>();
    private final Deque<String> path = new ArrayDeque<>();
    private String loop;

    /** @param visible the parsed condition of a macro this condition may use, by name, or null */
    MacroExpansion(Function<String, Expr> visible) {
        this.visible = visible;
    }

    /** The expanded expression; check {@link #failure()} afterwards. */
    Expr run(Expr expr) {
        return visit(expr);
    }

    /** The first problem found, or null. */
    Failure failure() {
        if (loop != null) {
            return new Failure("reference loop in macro '" + loop + "'");
        }
        if (!undefined.isEmpty()) {
            return new Failure("Undefined macro '" + undefined.getFirst() + "' used in filter.");
        }
        return null;
    }

    /** Names of the macros substituted anywhere. */
    Set<String> expandedNames() {
        return expanded;
    }

    private Expr visit(Expr expr) {
        if (loop != null) {
            return expr;
        }
        return switch (expr) {
            case And and -> new And(visitAll(and.children()), and.offset());
            case Or or -> new Or(visitAll(or.children()), or.offset());
            case Not not -> new Not(visit(not.child()), not.offset());
            case Check check -> check;
            case MacroRef ref -> expand(ref);
        };
    }

    private List<Expr> visitAll(List<Expr> children) {
        List<Expr> out = new ArrayList<>(children.size());
        for (Expr child : children) {
            out.add(visit(child));
        }
        return out;
    }

    private Expr expand(MacroRef ref) {
        Expr body = visible.apply(ref.name());
        if (body == null) {
            undefined.add(ref.name());
            return ref;
        }
        if (path.contains(ref.name())) {
            loop = ref.name();
            return ref;
        }
        expanded.add(ref.name());
        path.push(ref.name());
        Expr result = visit(body);
        path.pop();
        return result;
    }
}
