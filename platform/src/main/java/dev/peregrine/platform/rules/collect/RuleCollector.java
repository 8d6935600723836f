package dev.peregrine.platform.rules.collect;

import static dev.peregrine.platform.rules.result.LoadCode.LOAD_ERR_VALIDATE;

import dev.peregrine.platform.rules.result.Context;
import dev.peregrine.platform.rules.result.LoadCode;
import dev.peregrine.platform.rules.result.LoadException;
import dev.peregrine.platform.rules.result.LoadReport;
import dev.peregrine.platform.version.SemanticVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared, cumulative collection of lists, macros, rules and version requirements across
 * every file loaded so far. This class alone owns Falco's redefinition semantics: define,
 * legacy append, override append/replace, the deprecated enable toggle, exception merging,
 * and the global counter that gives items their index and visibility.
 */
public final class RuleCollector {

    /** Comparison operators an exception may use. */
    static final Set<String> OPERATORS = Set.of("=", "==", "!=", "<", "<=", ">", ">=", "contains", "icontains",
            "bcontains", "startswith", "bstartswith", "endswith", "glob", "iglob", "regex", "in", "intersects",
            "pmatch", "exists");
    /** Operators that accept a oneof/anyof/allof modifier. */
    static final Set<String> MODIFIABLE = Set.of("=", "==", "!=", "contains", "icontains", "bcontains", "startswith",
            "bstartswith", "endswith", "glob", "iglob", "regex");
    static final Set<String> MODIFIERS = Set.of("oneof", "anyof", "allof");

    private final SourceFields sources;
    private final Map<String, ListDef> lists = new LinkedHashMap<>();
    private final Map<String, MacroDef> macros = new LinkedHashMap<>();
    private final Map<String, RuleDef> rules = new LinkedHashMap<>();
    private final List<RequiredPluginGroup> pluginGroups = new ArrayList<>();
    private SemanticVersion requiredEngineVersion = new SemanticVersion(0, 0, 0);
    private int counter;

    public RuleCollector(SourceFields sources) {
        this.sources = sources;
    }

    public Collection<ListDef> lists() {
        return lists.values();
    }

    public Collection<MacroDef> macros() {
        return macros.values();
    }

    /** Rules in first-definition order (a redefinition keeps its slot). */
    public Collection<RuleDef> rules() {
        return rules.values();
    }

    public List<RequiredPluginGroup> pluginGroups() {
        return List.copyOf(pluginGroups);
    }

    /** The highest engine version any file required. */
    public SemanticVersion requiredEngineVersion() {
        return requiredEngineVersion;
    }

    // ---- version items

    public void requireEngineVersion(SemanticVersion required, Context context) throws LoadException {
        if (!SemanticVersion.ENGINE.compatibleWith(required)) {
            throw new LoadException(LOAD_ERR_VALIDATE, "Rules require engine version " + required
                    + ", but engine version is " + SemanticVersion.ENGINE, context);
        }
        if (requiredEngineVersion.compareTo(required) < 0) {
            requiredEngineVersion = required;
        }
    }

    public void requirePlugins(RequiredPluginGroup group) throws LoadException {
        Set<String> names = new HashSet<>();
        for (PluginRequirement r : group.alternatives()) {
            if (SemanticVersion.parse(r.version()).isEmpty()) {
                throw new LoadException(LOAD_ERR_VALIDATE,
                        "Invalid required version '" + r.version() + "' for plugin '" + r.name() + "'", group.context());
            }
            if (!names.add(r.name())) {
                throw new LoadException(LOAD_ERR_VALIDATE,
                        "Defined multiple alternative version requirements for plugin '" + r.name() + "'",
                        group.context());
            }
        }
        pluginGroups.add(group);
    }

    // ---- lists

    public void defineList(ListDef list) {
        int id = counter++;
        ListDef prev = lists.get(list.name());
        if (prev != null) {
            list.place(prev.index(), id);
        } else {
            list.place(id, id);
        }
        lists.put(list.name(), list);
    }

    public void appendList(String name, List<String> items, Context context) throws LoadException {
        ListDef prev = lists.get(name);
        if (prev == null) {
            throw new LoadException(LOAD_ERR_VALIDATE,
                    "List uses 'append' or 'override.items: append' but no list by that name already exists", context);
        }
        prev.append(items, counter++);
    }

    // ---- macros

    public void defineMacro(MacroDef macro) {
        int id = counter++;
        MacroDef prev = macros.get(macro.name());
        if (prev != null) {
            macro.place(prev.index(), id);
        } else {
            macro.place(id, id);
        }
        macros.put(macro.name(), macro);
    }

    public void appendMacro(String name, String condition, Context context) throws LoadException {
        MacroDef prev = macros.get(name);
        if (prev == null) {
            throw new LoadException(LOAD_ERR_VALIDATE,
                    "Macro uses 'append' or 'override.condition: append' but no macro by that name already exists",
                    context);
        }
        prev.append(condition, counter++);
    }

    // ---- rules

    public void defineRule(RuleDefinition d, LoadReport report) throws LoadException {
        RuleDef prev = rules.get(d.name());
        if (prev != null && !prev.source.equals(d.source())) {
            throw new LoadException(LOAD_ERR_VALIDATE, "Rule has been re-defined with a different source",
                    d.context());
        }
        boolean known = sources.knowsSource(d.source());
        if (!known) {
            report.warn(LoadCode.LOAD_UNKNOWN_SOURCE, "Unknown source " + d.source() + ", skipping", d.context());
        }
        for (RuleException ex : d.exceptions()) {
            if (ex.fields() == null || !ex.fields().isValid()) {
                throw new LoadException(LOAD_ERR_VALIDATE,
                        "Rule exception item must have fields property with a list of fields", ex.context());
            }
            validateException(known ? d.source() : null, ex);
        }
        RuleDef rule = new RuleDef(d.name(), d.context());
        rule.condition = d.condition();
        rule.conditionContext = d.conditionContext();
        rule.output = d.output();
        rule.outputContext = d.outputContext();
        rule.desc = d.desc();
        rule.priority = d.priority();
        rule.source = d.source();
        rule.tags = new java.util.TreeSet<>(d.tags());
        rule.exceptions = new ArrayList<>(d.exceptions());
        rule.enabled = d.enabled();
        rule.warnEvttypes = d.warnEvttypes();
        rule.skipIfUnknownFilter = d.skipIfUnknownFilter();
        rule.capture = d.capture();
        rule.captureDuration = d.captureDuration();
        rule.unknownSource = !known;
        int id = counter++;
        if (prev != null) {
            rule.place(prev.index(), id);
        } else {
            rule.place(id, id);
        }
        rules.put(d.name(), rule);
    }

    /** Legacy {@code append: true} and {@code override: {key: append}}. */
    public void appendRule(RuleUpdate u) throws LoadException {
        RuleDef prev = rules.get(u.name());
        if (prev == null) {
            throw new LoadException(LOAD_ERR_VALIDATE,
                    "Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists",
                    u.context());
        }
        if (!u.hasAnyValue()) {
            throw new LoadException(LOAD_ERR_VALIDATE, "Appended rule must have exceptions or condition property",
                    u.context());
        }
        checkSameSource(prev, u);
        String source = prev.unknownSource ? null : prev.source;
        if (u.condition() != null && !u.condition().isEmpty()) {
            prev.condition = prev.condition + " " + u.condition();
        }
        if (u.output() != null && !u.output().isEmpty()) {
            prev.output = prev.output + " " + u.output();
        }
        if (u.desc() != null && !u.desc().isEmpty()) {
            prev.desc = prev.desc + " " + u.desc();
        }
        if (u.tags() != null) {
            prev.tags.addAll(u.tags());
        }
        if (u.exceptions() != null) {
            for (RuleException ex : u.exceptions()) {
                RuleException existing = prev.exceptions.stream()
                        .filter(e -> e.name().equals(ex.name())).findFirst().orElse(null);
                if (existing == null) {
                    if (ex.fields() == null || !ex.fields().isValid()) {
                        throw new LoadException(LOAD_ERR_VALIDATE,
                                "Rule exception must have fields property with a list of fields", ex.context());
                    }
                    if (ex.values().isEmpty()) {
                        throw new LoadException(LOAD_ERR_VALIDATE,
                                "Rule exception must have values property with a list of values", ex.context());
                    }
                    validateException(source, ex);
                    prev.exceptions.add(ex);
                } else {
                    if (ex.fields() != null && ex.fields().isValid()) {
                        throw new LoadException(LOAD_ERR_VALIDATE,
                                "Can not append exception fields to existing exception, only values", ex.context());
                    }
                    if (ex.comps() != null && ex.comps().isValid()) {
                        throw new LoadException(LOAD_ERR_VALIDATE,
                                "Can not append exception comps to existing exception, only values", ex.context());
                    }
                    // Copy before growing: an earlier definition may still share the object.
                    RuleException grown = existing.copy();
                    grown.addValues(ex.values());
                    prev.exceptions.set(prev.exceptions.indexOf(existing), grown);
                }
            }
        }
        prev.touch(counter++);
    }

    /** {@code override: {key: replace}}. */
    public void replaceRule(RuleUpdate u) throws LoadException {
        RuleDef prev = rules.get(u.name());
        if (prev == null) {
            throw new LoadException(LOAD_ERR_VALIDATE,
                    "An 'override.<key>: replace' to a rule was requested but no rule by that name already exists",
                    u.context());
        }
        if (!u.hasAnyValue()) {
            throw new LoadException(LOAD_ERR_VALIDATE, "The rule must have at least one field that can be replaced",
                    u.context());
        }
        checkSameSource(prev, u);
        if (u.exceptions() != null) {
            // Upstream skips these checks on replace; we apply them so a replaced list behaves
            // like a defined one (defaults for comps, operator and field checks).
            for (RuleException ex : u.exceptions()) {
                if (ex.fields() == null || !ex.fields().isValid()) {
                    throw new LoadException(LOAD_ERR_VALIDATE,
                            "Rule exception item must have fields property with a list of fields", ex.context());
                }
                validateException(prev.unknownSource ? null : prev.source, ex);
            }
            prev.exceptions = new ArrayList<>(u.exceptions());
        }
        if (u.condition() != null) {
            prev.condition = u.condition();
        }
        if (u.output() != null) {
            prev.output = u.output();
        }
        if (u.desc() != null) {
            prev.desc = u.desc();
        }
        if (u.tags() != null) {
            prev.tags = new java.util.TreeSet<>(u.tags());
        }
        if (u.priority() != null) {
            prev.priority = u.priority();
        }
        if (u.enabled() != null) {
            prev.enabled = u.enabled();
        }
        if (u.warnEvttypes() != null) {
            prev.warnEvttypes = u.warnEvttypes();
        }
        if (u.skipIfUnknownFilter() != null) {
            prev.skipIfUnknownFilter = u.skipIfUnknownFilter();
        }
        if (u.capture() != null) {
            prev.capture = u.capture();
        }
        if (u.captureDuration() != null) {
            prev.captureDuration = u.captureDuration();
        }
        prev.touch(counter++);
    }

    /** The deprecated lone {@code enabled} item. */
    public void enableRule(String name, boolean enabled, Context context) throws LoadException {
        RuleDef prev = rules.get(name);
        if (prev == null) {
            throw new LoadException(LOAD_ERR_VALIDATE,
                    "Rule has 'enabled' key but no rule by that name already exists", context);
        }
        prev.enabled = enabled;
    }

    private static void checkSameSource(RuleDef prev, RuleUpdate u) throws LoadException {
        if (u.source() != null && !u.source().isEmpty() && !prev.source.isEmpty() && !prev.source.equals(u.source())) {
            throw new LoadException(LOAD_ERR_VALIDATE, "Rule has been re-defined with a different source", u.context());
        }
    }

    /**
     * Fills in default comps and checks operators and fields (§1.12.2); {@code source} null
     * skips the field checks (unknown source).
     */
    private void validateException(String source, RuleException ex) throws LoadException {
        ExceptionEntry fields = ex.fields();
        if (fields.isList()) {
            if (ex.comps() == null || !ex.comps().isValid()) {
                List<ExceptionEntry> eq = new ArrayList<>();
                for (int i = 0; i < fields.items().size(); i++) {
                    eq.add(ExceptionEntry.scalar("="));
                }
                ex.setComps(ExceptionEntry.sequence(eq));
            }
            List<ExceptionEntry> comps = ex.comps().isList() ? ex.comps().items() : List.of(ex.comps());
            if (fields.items().size() != comps.size()) {
                throw new LoadException(LOAD_ERR_VALIDATE, "Fields and comps lists must have equal length",
                        ex.context());
            }
            for (ExceptionEntry comp : comps) {
                String op = comp.text() == null ? "" : comp.text();
                if (!isOperator(op.strip())) {
                    throw new LoadException(LOAD_ERR_VALIDATE, "'" + op + "' is not a supported comparison operator",
                            ex.context());
                }
            }
            if (source != null) {
                for (ExceptionEntry field : fields.items()) {
                    String f = field.text() == null ? "" : field.text();
                    if (!sources.isFieldDefined(source, f)) {
                        throw new LoadException(LOAD_ERR_VALIDATE, "'" + f + "' is not a supported filter field",
                                ex.context());
                    }
                }
            }
        } else {
            if (ex.comps() == null || !ex.comps().isValid()) {
                ex.setComps(ExceptionEntry.scalar("in"));
            }
            if (ex.comps().isList()) {
                throw new LoadException(LOAD_ERR_VALIDATE, "Fields and comps must both be strings", ex.context());
            }
            String op = ex.comps().text().strip();
            if (!op.equals("in") && !op.equals("pmatch") && !op.equals("intersects") && !isModifierForm(op)) {
                throw new LoadException(LOAD_ERR_VALIDATE, "When fields is a single value, comps must be one of (in,"
                        + " pmatch, intersects) or a modifier operator (e.g. startswith oneof)", ex.context());
            }
            if (source != null && !sources.isFieldDefined(source, fields.text())) {
                throw new LoadException(LOAD_ERR_VALIDATE, "'" + fields.text() + "' is not a supported filter field",
                        ex.context());
            }
        }
    }

    static boolean isOperator(String op) {
        return OPERATORS.contains(op) || isModifierForm(op);
    }

    /** {@code <op> <modifier>} with exactly one space, e.g. {@code startswith oneof}. */
    static boolean isModifierForm(String op) {
        int space = op.indexOf(' ');
        return space > 0 && op.indexOf(' ', space + 1) < 0
                && MODIFIABLE.contains(op.substring(0, space)) && MODIFIERS.contains(op.substring(space + 1));
    }
}
