package dev.peregrine.platform.condition.eval;

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
import dev.peregrine.platform.field.FieldCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Finds the warnings Falco reports for an expanded rule condition (§3.6), in condition order. */
public final class ConditionWarnings {

    public static final String COMPILE_CONDITION = "LOAD_COMPILE_CONDITION";
    public static final String UNSAFE_NA_CHECK = "LOAD_UNSAFE_NA_CHECK";
    public static final String DEPRECATED_ITEM = "LOAD_DEPRECATED_ITEM";

    private static final Set<String> NA_OPERATORS = Set.of("=", "==", "!=", "in", "intersects", "pmatch");
    private static final String NA_VALUE = "<NA>";
    private static final List<String> DEPRECATED_FIELDS = List.of("evt.dir", "evt.latency", "evt.latency.s",
            "evt.latency.ns", "evt.latency.human", "evt.wait_latency");
    private static final String EVT_DIR_MESSAGE = "due to the drop of enter events, 'evt.dir = <' always evaluates "
            + "to true, and 'evt.dir = >' always evaluates to false. The rule expression can be simplified by "
            + "removing the condition on 'evt.dir'";
    private static final String DEPRECATED_FIELD_MESSAGE = "field is not available due to the drop of enter events.";
    private static final Pattern TRANSFORMER_SHAPE =
            Pattern.compile("(tolower|toupper|b64|basename|len|join|concat|getopt|val)\\(.*\\)", Pattern.DOTALL);
    private static final String REGEX_SPECIALS = ".[]{}()\\*+?|^$";

    private ConditionWarnings() {
    }

    /** Scans {@code expr} (macros expanded) against the fields of {@code catalog}. */
    public static List<ConditionWarning> scan(Expr expr, FieldCatalog catalog) {
        List<ConditionWarning> warnings = new ArrayList<>();
        Set<String> deprecated = new LinkedHashSet<>();
        visit(expr, catalog, warnings, deprecated);
        for (String field : deprecated) {
            warnings.add(new ConditionWarning(DEPRECATED_ITEM,
                    field.equals("evt.dir") ? EVT_DIR_MESSAGE : DEPRECATED_FIELD_MESSAGE));
        }
        return List.copyOf(warnings);
    }

    private static void visit(Expr expr, FieldCatalog catalog, List<ConditionWarning> warnings, Set<String> deprecated) {
        switch (expr) {
            case And and -> and.children().forEach(child -> visit(child, catalog, warnings, deprecated));
            case Or or -> or.children().forEach(child -> visit(child, catalog, warnings, deprecated));
            case Not not -> visit(not.child(), catalog, warnings, deprecated);
            case MacroRef macro -> {
                // unexpanded macros carry no values to inspect
            }
            case Check check -> visitCheck(check, catalog, warnings, deprecated);
        }
    }

    private static void visitCheck(Check check, FieldCatalog catalog, List<ConditionWarning> warnings,
                                   Set<String> deprecated) {
        collectFields(check.left(), deprecated);
        List<String> constants = switch (check.right()) {
            case Literal literal -> List.of(literal.text());
            case ListLiteral list -> list.items().stream().map(Literal::text).toList();
            case FieldValue value -> {
                collectFields(value.field(), deprecated);
                yield List.of();
            }
            case TransformerValue value -> {
                collectFields(value.transformer(), deprecated);
                yield List.of();
            }
            case null -> List.of();
        };
        boolean naCheck = false;
        for (String value : constants) {
            if (check.operator().equals("regex") && couldBeSimpler(value)) {
                warnings.add(new ConditionWarning(COMPILE_CONDITION, "regex check with '" + value
                        + "' may be optimized with simpler operators such as '=', 'contains', 'startswith', 'endswith'"));
            }
            String stripped = value.strip();
            if (looksLikeField(stripped, catalog)) {
                warnings.add(new ConditionWarning(COMPILE_CONDITION,
                        "'" + value + "' may be a valid field misused as a const string value"));
            } else if (TRANSFORMER_SHAPE.matcher(stripped).matches()) {
                warnings.add(new ConditionWarning(COMPILE_CONDITION,
                        "'" + value + "' may be a valid field transformer misused as a const string value"));
            }
            naCheck |= value.equals(NA_VALUE);
        }
        if (naCheck && NA_OPERATORS.contains(check.operator()) && check.left() instanceof FieldRef field
                && (field.name().startsWith("ka.") || field.name().startsWith("jevt."))) {
            warnings.add(new ConditionWarning(UNSAFE_NA_CHECK, ""));
        }
    }

    private static boolean looksLikeField(String value, FieldCatalog catalog) {
        int bracket = value.indexOf('[');
        String name = bracket >= 0 && value.endsWith("]") ? value.substring(0, bracket) : value;
        return name.indexOf('.') > 0 && catalog.knows(name);
    }

    /** True when a regex has no special character once edge anchors and edge wildcards are removed. */
    static boolean couldBeSimpler(String regex) {
        String core = regex;
        if (core.startsWith("^")) {
            core = core.substring(1);
        }
        if (core.endsWith("$") && !core.endsWith("\\$")) {
            core = core.substring(0, core.length() - 1);
        }
        for (String wildcard : List.of(".*", ".+", ".?")) {
            if (core.startsWith(wildcard)) {
                core = core.substring(2);
                break;
            }
        }
        for (String wildcard : List.of(".*", ".+", ".?")) {
            if (core.endsWith(wildcard)) {
                core = core.substring(0, core.length() - 2);
                break;
            }
        }
        for (int k = 0; k < core.length(); k++) {
            if (REGEX_SPECIALS.indexOf(core.charAt(k)) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static void collectFields(TransformerArg arg, Set<String> deprecated) {
        switch (arg) {
            case FieldRef field -> {
                if (DEPRECATED_FIELDS.contains(field.name())) {
                    deprecated.add(field.name());
                }
            }
            case Transformer transformer -> transformer.args().forEach(inner -> collectFields(inner, deprecated));
            case TransformerList list -> list.items().forEach(inner -> collectFields(inner, deprecated));
            case Literal literal -> {
                // constants name no field
            }
        }
    }
}
