package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.EventTypeCatalog;
import dev.peregrine.api.FieldType;
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
import dev.peregrine.platform.condition.ast.TransformerValue;
import dev.peregrine.platform.condition.ast.Value;
import dev.peregrine.platform.field.FieldCatalog;
import dev.peregrine.platform.field.FieldResolutionException;
import dev.peregrine.platform.field.ResolvedField;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles a macro-free condition AST into a tree of evaluation nodes for one event source,
 * validating fields, operators and values with Falco's messages. Constants are parsed once
 * here; per event only the bound field handles and the chosen nodes run.
 */
public final class FilterCompiler {

    private static final Set<String> OPERATORS = Set.of("=", "==", "!=", "<", "<=", ">", ">=", "contains",
            "icontains", "bcontains", "startswith", "bstartswith", "endswith", "glob", "iglob", "regex", "in",
            "intersects", "pmatch", "exists");
    private static final Set<String> MODIFIERS = Set.of("oneof", "anyof", "allof");
    private static final Set<String> MODIFIABLE = Set.of("=", "==", "!=", "contains", "icontains", "bcontains",
            "startswith", "bstartswith", "endswith", "glob", "iglob", "regex");
    private static final Set<String> NUMERIC_OPERATORS = Set.of("=", "!=", "<", "<=", ">", ">=", "in", "intersects");
    private static final Set<String> BOOL_OPERATORS = Set.of("=", "!=", "in", "intersects");
    private static final Set<String> BUFFER_OPERATORS = Set.of("=", "!=", "contains", "bcontains", "startswith",
            "bstartswith", "endswith", "in", "intersects");
    private static final Set<String> IP_OPERATORS = Set.of("=", "!=", "in", "intersects");
    private static final Set<String> LIST_OPERATORS = Set.of("in", "intersects");
    private static final Set<String> EVENT_TYPE_OPERATORS = Set.of("=", "==", "!=", "in");
    private static final String EVENT_TYPE_FIELD = "evt.type";

    private final FieldCatalog catalog;
    private final ValueParser parser;

    /** A compiler for the fields of {@code catalog}; port names resolve through /etc/services. */
    public FilterCompiler(FieldCatalog catalog) {
        this(catalog, ServiceNames.system());
    }

    FilterCompiler(FieldCatalog catalog, ServiceNames services) {
        this.catalog = catalog;
        this.parser = new ValueParser(services);
    }

    /**
     * Compiles a condition whose macros have been expanded.
     *
     * @throws ConditionCompileException with Falco's message when a field, operator or value is invalid
     * @throws IllegalStateException when a macro reference is still present (a caller bug)
     */
    public CompiledFilter compile(Expr expr) throws ConditionCompileException {
        return switch (expr) {
            case And and -> and.children().size() == 1
                    ? compile(and.children().getFirst()) : new AndFilter(compileAll(and.children()));
            case Or or -> or.children().size() == 1
                    ? compile(or.children().getFirst()) : new OrFilter(compileAll(or.children()));
            case Not not -> new NotFilter(compile(not.child()));
            case Check check -> compileCheck(check);
            case MacroRef macro -> throw new IllegalStateException(
                    "macro '" + macro.name() + "' reached the filter compiler unexpanded");
        };
    }

    /**
     * Compiles a field or transformer for extraction outside conditions (outputs).
     *
     * @throws ConditionCompileException with Falco's message when a field or transformer is invalid
     */
    public CompiledOperand compileOperand(Operand operand) throws ConditionCompileException {
        return switch (operand) {
            case FieldRef field -> new FieldOperand(resolve(field));
            case Transformer transformer -> new TransformerCompiler(this).compile(transformer);
        };
    }

    private CompiledFilter[] compileAll(List<Expr> children) throws ConditionCompileException {
        CompiledFilter[] compiled = new CompiledFilter[children.size()];
        for (int k = 0; k < compiled.length; k++) {
            compiled[k] = compile(children.get(k));
        }
        return compiled;
    }

    ResolvedField resolve(FieldRef field) throws ConditionCompileException {
        try {
            return catalog.resolve(field.name(), field.argument());
        } catch (FieldResolutionException unknown) {
            throw new ConditionCompileException(unknown.getMessage());
        }
    }

    private CompiledFilter compileCheck(Check check) throws ConditionCompileException {
        String operator = check.operator();
        String modifier = check.modifier();
        if (!OPERATORS.contains(operator)) {
            throw new ConditionCompileException("unrecognized filter comparison operator '" + operator + "'");
        }
        if (modifier != null && (!MODIFIERS.contains(modifier) || !MODIFIABLE.contains(operator))) {
            throw new ConditionCompileException(
                    "filter error: '" + modifier + "' modifier not supported with '" + operator + "' operator");
        }
        CompiledOperand left = compileOperand(check.left());
        CompiledFilter compiled;
        if (operator.equals("exists")) {
            compiled = new ExistsCheck(left);
        } else {
            checkOperatorSupported(canonical(operator), left);
            Value right = check.right();
            compiled = switch (right) {
                case FieldValue value -> compileFieldComparison(check, left, compileOperand(value.field()));
                case TransformerValue value -> compileFieldComparison(check, left, compileOperand(value.transformer()));
                case Literal literal -> compileConstants(check, left, List.of(literal.text()), false);
                case ListLiteral list -> compileConstants(check, left,
                        list.items().stream().map(Literal::text).toList(), true);
                case null -> throw new IllegalStateException("operator '" + operator + "' without a right side");
            };
        }
        checkEventTypeSearch(check);
        return compiled;
    }

    /** Falco reports {@code ==} under its canonical name {@code =}. */
    private static String canonical(String operator) {
        return operator.equals("==") ? "=" : operator;
    }

    private static void checkOperatorSupported(String operator, CompiledOperand left) throws ConditionCompileException {
        if (left.list()) {
            if (!LIST_OPERATORS.contains(operator)) {
                throw new ConditionCompileException("filter error: '" + operator + "' operator not supported list filters");
            }
            return;
        }
        String family = switch (left.type().kind()) {
            case NUMBER -> NUMERIC_OPERATORS.contains(operator) ? null : "numeric";
            case BOOL -> BOOL_OPERATORS.contains(operator) ? null : "numeric";
            case STRING -> operator.equals("bcontains") || operator.equals("bstartswith") ? "string" : null;
            case BUFFER -> BUFFER_OPERATORS.contains(operator) ? null : "buffer";
            case IP_ADDRESS, IP_NETWORK -> IP_OPERATORS.contains(operator) ? null : "ip address and network";
            case DYNAMIC -> null;
        };
        if (family != null) {
            throw new ConditionCompileException(
                    "filter error: '" + operator + "' operator not supported for " + family + " filters");
        }
    }

    private CompiledFilter compileConstants(Check check, CompiledOperand left, List<String> texts, boolean listSyntax)
            throws ConditionCompileException {
        String operator = canonical(check.operator());
        String modifier = check.modifier();
        checkEventTypeNames(check, texts);
        FieldType type = left.type();
        if (operator.equals("regex")) {
            ElementMatcher[] matchers = new ElementMatcher[texts.size()];
            for (int k = 0; k < matchers.length; k++) {
                matchers[k] = new RegexMatcher(PosixRegex.compile(texts.get(k)));
            }
            return anyValue(left, combine(modifier, matchers));
        }
        ValueBuffer constants = new ValueBuffer();
        for (String text : texts) {
            parser.parseInto(text, type, operator, constants);
        }
        if (operator.equals("pmatch")) {
            List<String> paths = new ArrayList<>();
            for (int k = 0; k < constants.size(); k++) {
                paths.add(constants.stringAt(k));
            }
            return anyValue(left, new PathPrefixMatcher(paths));
        }
        boolean membership = operator.equals("in") || operator.equals("intersects")
                || operator.equals("=") && "anyof".equals(modifier);
        ElementMatcher matcher;
        if (membership && type.kind() == FieldType.Kind.STRING) {
            Set<String> members = new HashSet<>();
            for (int k = 0; k < constants.size(); k++) {
                members.add(constants.stringAt(k));
            }
            matcher = new StringSetMatcher(members);
        } else {
            ValueComparator comparator = Comparators.forConstants(operator, type);
            ElementMatcher[] matchers = new ElementMatcher[constants.size()];
            for (int k = 0; k < matchers.length; k++) {
                matchers[k] = new ConstantMatcher(comparator, constants, k);
            }
            if (membership || modifier != null) {
                matcher = combine(modifier, matchers);
            } else if (matchers.length == 1 && !listSyntax) {
                matcher = matchers[0];
            } else {
                throw new ConditionCompileException(
                        "filter error: '" + operator + "' operator expects a single value");
            }
        }
        if (left.list() && operator.equals("in")) {
            return new EveryValueCheck(left, matcher);
        }
        return new AnyValueCheck(left, matcher);
    }

    private static CompiledFilter anyValue(CompiledOperand left, ElementMatcher matcher) {
        return new AnyValueCheck(left, matcher);
    }

    private static ElementMatcher combine(String modifier, ElementMatcher[] matchers) {
        if (modifier == null || modifier.equals("anyof")) {
            return matchers.length == 1 ? matchers[0] : new AnyMatcher(matchers);
        }
        return modifier.equals("allof") ? new AllMatcher(matchers) : new ExactlyOneMatcher(matchers);
    }

    private CompiledFilter compileFieldComparison(Check check, CompiledOperand left, CompiledOperand right)
            throws ConditionCompileException {
        String operator = canonical(check.operator());
        if (check.modifier() != null) {
            throw new ConditionCompileException("filter error: '" + check.modifier()
                    + "' modifier requires a list of constant values");
        }
        if (operator.equals("pmatch") || operator.equals("regex")) {
            throw new ConditionCompileException(
                    "operator '" + operator.toUpperCase(java.util.Locale.ROOT) + "' doesn't support right-hand side fields");
        }
        if (left.type().kind() == FieldType.Kind.IP_NETWORK) {
            throw new ConditionCompileException("field type 'IPNET' doesn't support right-hand side fields");
        }
        if (left.type() == FieldType.DYNAMIC) {
            throw new ConditionCompileException("field '" + fieldName(left) + "' doesn't support right-hand side fields");
        }
        if (right.type() == FieldType.DYNAMIC) {
            throw new ConditionCompileException("field '" + fieldName(right) + "' can't be used as a right-hand side field");
        }
        if (left.type() != right.type() || left.list() != right.list()) {
            throw new ConditionCompileException("field '" + fieldName(left) + "' has type '"
                    + TypeNames.of(left.type(), left.list()) + "' while the right-hand side field '" + fieldName(right)
                    + "' has incompatible type '" + TypeNames.of(right.type(), right.list()) + "'");
        }
        ValueComparator comparator = Comparators.forFields(operator, left.type());
        if (left.list() && operator.equals("in")) {
            return new EveryLeftInRightCheck(left, right, comparator);
        }
        return new AnyPairCheck(left, right, comparator);
    }

    /** The declared name of the (innermost first) field an operand reads, as libsinsp names it in errors. */
    static String fieldName(CompiledOperand operand) {
        return operand.fields().isEmpty() ? operand.text() : operand.fields().getFirst().spec().name();
    }

    private void checkEventTypeNames(Check check, List<String> texts) throws ConditionCompileException {
        if (!(check.left() instanceof FieldRef field) || !isEventType(field)) {
            return;
        }
        Optional<EventTypeCatalog> types = catalog.eventTypes();
        if (types.isEmpty()) {
            return;
        }
        Set<String> names = types.get().names();
        for (String text : texts) {
            if (!names.contains(text)) {
                throw new ConditionCompileException("unknown event type " + text);
            }
        }
    }

    /** The rules of libsinsp's event-code search, which runs on every compiled condition. */
    private static void checkEventTypeSearch(Check check) throws ConditionCompileException {
        if (!EVENT_TYPE_OPERATORS.contains(check.operator())) {
            return;
        }
        if (check.left() instanceof Transformer transformer && wrapsEventType(transformer)) {
            throw new ConditionCompileException("event code search does not support `evt.type` checks with transformers");
        }
        if (check.left() instanceof FieldRef field && isEventType(field)) {
            if (check.right() instanceof TransformerValue value && wrapsEventType(value.transformer())) {
                throw new ConditionCompileException(
                        "event code search does not support `evt.type` checks with transformers");
            }
            if (check.right() instanceof FieldValue || check.right() instanceof TransformerValue) {
                throw new ConditionCompileException(
                        "right-hand field comparisons on `evt.type` checks are not supported by event code search");
            }
        }
    }

    private static boolean isEventType(FieldRef field) {
        return field.name().equals(EVENT_TYPE_FIELD) && field.argument() == null;
    }

    private static boolean wrapsEventType(Transformer transformer) {
        if (transformer.args().isEmpty()) {
            return false;
        }
        return switch (transformer.args().getFirst()) {
            case FieldRef field -> isEventType(field);
            case Transformer inner -> wrapsEventType(inner);
            default -> false;
        };
    }
}
