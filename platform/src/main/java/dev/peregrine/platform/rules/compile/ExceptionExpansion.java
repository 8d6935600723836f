package dev.peregrine.platform.rules.compile;

import static dev.peregrine.platform.rules.result.LoadCode.LOAD_ERR_VALIDATE;

import dev.peregrine.platform.rules.collect.ExceptionEntry;
import dev.peregrine.platform.rules.collect.RuleException;
import dev.peregrine.platform.rules.result.LoadException;
import java.util.List;
import java.util.Set;

/** Turns a rule's exceptions into {@code and not (...)} clauses of its condition text (§1.12.3). */
final class ExceptionExpansion {

    private static final Set<String> LIST_OPERATORS = Set.of("in", "intersects", "pmatch");
    private static final Set<String> MODIFIABLE = Set.of("=", "==", "!=", "contains", "icontains", "bcontains",
            "startswith", "bstartswith", "endswith", "glob", "iglob", "regex");
    private static final Set<String> MODIFIERS = Set.of("oneof", "anyof", "allof");

    private ExceptionExpansion() {
    }

    /** The condition with every exception appended; unchanged when there are none. */
    static String expand(String condition, List<RuleException> exceptions) throws LoadException {
        if (exceptions.isEmpty()) {
            return condition;
        }
        StringBuilder out = new StringBuilder("(").append(condition).append(')');
        for (RuleException ex : exceptions) {
            String clause = ex.fields().isList() ? tuple(ex) : single(ex);
            if (!clause.isEmpty()) {
                out.append(" and not ").append(clause);
            }
        }
        return out.toString();
    }

    private static String single(RuleException ex) throws LoadException {
        StringBuilder clause = new StringBuilder();
        for (ExceptionEntry value : ex.values()) {
            if (value.isList()) {
                throw new LoadException(LOAD_ERR_VALIDATE, "Expected values array to contain a list of strings",
                        ex.context());
            }
            if (clause.isEmpty()) {
                clause.append('(').append(ex.fields().text()).append(' ').append(ex.comps().text()).append(" (");
            } else {
                clause.append(", ");
            }
            clause.append(ListSubstitution.quote(value.text()));
        }
        if (!clause.isEmpty()) {
            clause.append("))");
        }
        return clause.toString();
    }

    private static String tuple(RuleException ex) throws LoadException {
        List<ExceptionEntry> fields = ex.fields().items();
        List<ExceptionEntry> comps = ex.comps().items();
        StringBuilder clause = new StringBuilder("(");
        boolean first = true;
        for (ExceptionEntry values : ex.values()) {
            List<ExceptionEntry> items = values.isList() ? values.items() : List.of();
            if (fields.size() != items.size()) {
                throw new LoadException(LOAD_ERR_VALIDATE, "Fields and values lists must have equal length",
                        ex.context());
            }
            if (!first) {
                clause.append(" or ");
            }
            first = false;
            clause.append('(');
            for (int k = 0; k < fields.size(); k++) {
                if (k > 0) {
                    clause.append(" and ");
                }
                String op = comps.get(k).text();
                clause.append(' ').append(fields.get(k).text()).append(' ').append(op).append(' ')
                        .append(rightSide(items.get(k), op));
            }
            clause.append(')');
        }
        clause.append(')');
        return clause.length() == 2 ? "" : clause.toString();
    }

    private static String rightSide(ExceptionEntry value, String op) {
        if (value.isList()) {
            StringBuilder out = new StringBuilder("(");
            for (int i = 0; i < value.items().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                String text = value.items().get(i).text();
                out.append(ListSubstitution.quote(text == null ? "" : text));
            }
            return out.append(')').toString();
        }
        String text = value.text();
        if (isListOperator(op)) {
            return !text.isEmpty() && text.charAt(0) == '(' ? text : "(" + text + ")";
        }
        return ListSubstitution.quote(text);
    }

    private static boolean isListOperator(String op) {
        if (LIST_OPERATORS.contains(op)) {
            return true;
        }
        int space = op.indexOf(' ');
        return space > 0 && MODIFIABLE.contains(op.substring(0, space)) && MODIFIERS.contains(op.substring(space + 1));
    }
}
