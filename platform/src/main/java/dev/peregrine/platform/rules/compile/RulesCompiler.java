package dev.peregrine.platform.rules.compile;

import static dev.peregrine.platform.rules.result.LoadCode.LOAD_ERR_COMPILE_CONDITION;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_ERR_COMPILE_OUTPUT;
import static dev.peregrine.platform.rules.result.LoadCode.LOAD_ERR_VALIDATE;

import dev.peregrine.platform.condition.ast.Expr;
import dev.peregrine.platform.condition.ast.FieldRef;
import dev.peregrine.platform.condition.eval.CompiledFilter;
import dev.peregrine.platform.condition.eval.ConditionCompileException;
import dev.peregrine.platform.condition.eval.ConditionWarning;
import dev.peregrine.platform.condition.eval.ConditionWarnings;
import dev.peregrine.platform.condition.eval.FilterCompiler;
import dev.peregrine.platform.engine.AppendOutput;
import dev.peregrine.platform.engine.CompiledRule;
import dev.peregrine.platform.field.FieldCatalog;
import dev.peregrine.platform.output.format.CompiledOutput;
import dev.peregrine.platform.rules.collect.ListDef;
import dev.peregrine.platform.rules.collect.MacroDef;
import dev.peregrine.platform.rules.collect.RuleCollector;
import dev.peregrine.platform.rules.collect.RuleDef;
import dev.peregrine.platform.rules.result.Context;
import dev.peregrine.platform.rules.result.LoadCode;
import dev.peregrine.platform.rules.result.LoadException;
import dev.peregrine.platform.rules.result.LoadReport;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles everything collected so far: lists, then macros, then rules in first-definition
 * order, with Falco's per-rule validation order (§6.4). Stops at the first error.
 */
public final class RulesCompiler {

    private static final String CONTAINER_INFO = "%container.info";
    private static final String CONTAINER_INFO_WARNING = "%container.info is deprecated and no more useful, and will"
            + " be dropped by Falco 1.0.0. The container plugin will automatically add required fields to the output"
            + " message.";
    private static final List<String> DEPRECATED_FIELDS = List.of("evt.dir", "evt.latency", "evt.latency.s",
            "evt.latency.ns", "evt.latency.human", "evt.wait_latency");
    private static final List<String> UNKNOWN_FILTER_MARKERS = List.of("nonexistent field", "invalid formatting token",
            "unknown event type", "unknown filter:");
    private static final int MAX_EVENT_CODES = 100;

    private final Map<String, FieldCatalog> catalogs;
    private final RuleSyntax syntax;
    private final List<AppendOutput> appendOutputs;
    private final Map<String, FilterCompiler> compilers = new HashMap<>();
    // Every load recompiles the whole collection (Falco's behaviour); these caches keep the
    // repeated work of the 2nd..nth file cheap. Parsing and compiling are pure functions of their keys.
    private final Map<String, Object> parsed = new HashMap<>();
    private final Map<ConditionKey, CompiledCondition> conditions = new HashMap<>();
    private final Map<ConditionKey, CompiledOutput> outputs = new HashMap<>();
    /** What each compiled filter and output was compiled from, to compile them again for a worker. */
    private final Map<CompiledFilter, ConditionKey> filterOrigins = new IdentityHashMap<>();
    private final Map<CompiledOutput, ConditionKey> outputOrigins = new IdentityHashMap<>();

    /** Cache key: a source and a text or expanded expression. */
    private record ConditionKey(String source, Object what) {
    }

    /** A compiled condition with what its compilation reports. */
    private record CompiledCondition(CompiledFilter filter, List<ConditionWarning> warnings, BitSet codes) {
    }

    public RulesCompiler(Map<String, FieldCatalog> catalogs, RuleSyntax syntax, List<AppendOutput> appendOutputs) {
        this.catalogs = Map.copyOf(catalogs);
        this.syntax = syntax;
        this.appendOutputs = List.copyOf(appendOutputs);
    }

    /** Compiles the collection; warnings go to {@code report}. */
    public List<CompiledRule> compile(RuleCollector collection, LoadReport report) throws LoadException {
        Lists lists = compileLists(collection);
        Map<String, Expr> macros = new HashMap<>();
        Set<String> usedMacros = new HashSet<>();
        compileMacros(collection, lists, macros, usedMacros);
        List<CompiledRule> rules = new ArrayList<>();
        for (RuleDef rule : collection.rules()) {
            if (rule.unknownSource()) {
                continue;
            }
            CompiledRule compiled = compileRule(rule, lists, macros, usedMacros, report);
            if (compiled != null) {
                rules.add(compiled);
            }
        }
        for (MacroDef m : collection.macros()) {
            if (!usedMacros.contains(m.name())) {
                report.warn(LoadCode.LOAD_UNUSED_MACRO, "Macro not referred to by any other rule/macro", m.context());
            }
        }
        for (ListDef l : collection.lists()) {
            if (!lists.used.contains(l.name())) {
                report.warn(LoadCode.LOAD_UNUSED_LIST, "List not referred to by any other rule/macro", l.context());
            }
        }
        return rules;
    }

    // ---- lists

    /** Compiled lists in first-definition order, with their substitution text. */
    private static final class Lists {
        final List<String> names = new ArrayList<>();
        final List<String> joined = new ArrayList<>();
        final Set<String> used = new HashSet<>();

        String substitute(String condition) {
            String cnd = condition;
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (cnd.contains(name)) {
                    String next = ListSubstitution.substitute(cnd, name, joined.get(i));
                    if (next != cnd) {
                        used.add(name);
                        cnd = next;
                    }
                }
            }
            return cnd;
        }
    }

    private static Lists compileLists(RuleCollector collection) {
        Map<String, ListDef> byName = new LinkedHashMap<>();
        collection.lists().forEach(l -> byName.put(l.name(), l));
        Lists out = new Lists();
        for (ListDef list : collection.lists()) {
            List<String> items = new ArrayList<>();
            for (String item : list.items()) {
                ListDef ref = byName.get(item);
                if (ref != null && ref.index() < list.visibility()) {
                    out.used.add(ref.name());
                    items.addAll(ref.items());
                } else {
                    items.add(item);
                }
            }
            out.names.add(list.name());
            out.joined.add(ListSubstitution.join(items));
        }
        return out;
    }

    // ---- macros

    private void compileMacros(RuleCollector collection, Lists lists, Map<String, Expr> macros, Set<String> used)
            throws LoadException {
        Map<String, MacroDef> defs = new HashMap<>();
        for (MacroDef m : collection.macros()) {
            defs.put(m.name(), m);
            String text = lists.substitute(m.condition());
            macros.put(m.name(), parse(text, m.conditionContext()));
        }
        for (MacroDef m : collection.macros()) {
            MacroExpansion expansion = new MacroExpansion(name -> {
                MacroDef d = defs.get(name);
                return d != null && d.index() < m.visibility() ? macros.get(name) : null;
            });
            Expr resolved = expansion.run(macros.get(m.name()));
            MacroExpansion.Failure failure = expansion.failure();
            if (failure != null) {
                throw new LoadException(LOAD_ERR_VALIDATE, failure.message(), m.context());
            }
            used.addAll(expansion.expandedNames());
            macros.put(m.name(), resolved);
        }
    }

    private Expr parse(String text, Context conditionContext) throws LoadException {
        Object result = parsed.computeIfAbsent(text, t -> {
            try {
                return syntax.parseCondition(t);
            } catch (RuleSyntax.SyntaxError e) {
                return e;
            }
        });
        if (result instanceof RuleSyntax.SyntaxError e) {
            throw new LoadException(LOAD_ERR_COMPILE_CONDITION, e.getMessage(),
                    conditionContext.inCondition(text, e.offset()));
        }
        return (Expr) result;
    }

    // ---- rules

    private CompiledRule compileRule(RuleDef rule, Lists lists, Map<String, Expr> macros, Set<String> usedMacros,
                                     LoadReport report) throws LoadException {
        FieldCatalog catalog = catalogs.get(rule.source());
        FilterCompiler compiler = compilers.computeIfAbsent(rule.source(), s -> new FilterCompiler(catalog));
        String condition = ExceptionExpansion.expand(rule.condition(), rule.exceptions());

        String outputText = rule.output();
        Map<String, String> extraFields = new LinkedHashMap<>();
        for (AppendOutput extra : appendOutputs) {
            if (extra.appliesTo(rule.source(), rule.tags(), rule.name())) {
                if (extra.extraOutput() != null && !extra.extraOutput().isEmpty()) {
                    outputText = outputText + " " + extra.extraOutput();
                }
                extraFields.putAll(extra.extraFields());
            }
        }
        if (outputText.contains(CONTAINER_INFO)) {
            report.warn(LoadCode.LOAD_DEPRECATED_ITEM, CONTAINER_INFO_WARNING, rule.outputContext());
            outputText = outputText.replace(CONTAINER_INFO, "");
        }
        for (String field : DEPRECATED_FIELDS) {
            if (outputText.contains(field)) {
                report.warn(LoadCode.LOAD_DEPRECATED_ITEM,
                        "usage of deprecated field '" + field + "' has been detected in the rule output",
                        rule.outputContext());
            }
        }
        CompiledOutput output;
        Map<String, CompiledOutput> extraOutputs = new LinkedHashMap<>();
        try {
            output = compileOutput(outputText, catalog, compiler);
            for (Map.Entry<String, String> e : extraFields.entrySet()) {
                String format = e.getValue() == null ? "%" + e.getKey() : e.getValue();
                extraOutputs.put(e.getKey(), compileOutput(format, catalog, compiler));
            }
        } catch (OutputError e) {
            if (rule.skipIfUnknownFilter() && isUnknownFilter(e.getMessage())) {
                report.warn(LoadCode.LOAD_UNKNOWN_FILTER, e.getMessage(), rule.outputContext());
                return null;
            }
            throw new LoadException(LOAD_ERR_COMPILE_OUTPUT, e.getMessage(), rule.outputContext());
        }

        String text = lists.substitute(condition);
        Expr parsed = parse(text, rule.conditionContext());
        MacroExpansion expansion = new MacroExpansion(macros::get);
        Expr expr = expansion.run(parsed);
        MacroExpansion.Failure failure = expansion.failure();
        if (failure != null) {
            throw new LoadException(LOAD_ERR_VALIDATE, failure.message(), rule.context());
        }
        usedMacros.addAll(expansion.expandedNames());

        CompiledCondition compiled = conditions.get(new ConditionKey(rule.source(), expr));
        if (compiled == null) {
            List<ConditionWarning> warnings = ConditionWarnings.scan(expr, catalog);
            try {
                CompiledFilter filter = compiler.compile(expr);
                BitSet codes = catalog.eventTypes().map(t -> new EventTypeCodes(t).of(expr)).orElse(null);
                compiled = new CompiledCondition(filter, warnings, codes);
                conditions.put(new ConditionKey(rule.source(), expr), compiled);
                filterOrigins.put(filter, new ConditionKey(rule.source(), expr));
            } catch (ConditionCompileException e) {
                warnings.forEach(w -> report.warn(LoadCode.valueOf(w.code()), w.message(), rule.conditionContext()));
                Context at = rule.conditionContext().inCondition(text, 0);
                if (rule.skipIfUnknownFilter() && isUnknownFilter(e.getMessage())) {
                    report.warn(LoadCode.LOAD_UNKNOWN_FILTER, e.getMessage(), at);
                    return null;
                }
                throw new LoadException(LOAD_ERR_COMPILE_CONDITION, e.getMessage(), at);
            }
        }
        for (ConditionWarning w : compiled.warnings()) {
            report.warn(LoadCode.valueOf(w.code()), w.message(), rule.conditionContext());
        }
        CompiledFilter filter = compiled.filter();
        BitSet codes = compiled.codes() == null ? null : (BitSet) compiled.codes().clone();
        if (codes != null && rule.warnEvttypes() && codes.cardinality() > MAX_EVENT_CODES) {
            report.warn(LoadCode.LOAD_NO_EVTTYPE,
                    "Rule matches too many evt.type values. This has a significant performance penalty.",
                    rule.context());
        }
        return new CompiledRule(rule.name(), rule.desc(), rule.priority(), rule.source(),
                new java.util.TreeSet<>(rule.tags()), rule.enabled(), outputText, output, extraOutputs, filter, codes,
                rule.index(), rule.capture(), rule.captureDuration());
    }

    private static boolean isUnknownFilter(String message) {
        return UNKNOWN_FILTER_MARKERS.stream().anyMatch(message::contains);
    }

    /** An output that does not compile, with the message to report. */
    private static final class OutputError extends Exception {
        OutputError(String message) {
            super(message, null, false, false);
        }
    }

    private CompiledOutput compileOutput(String format, FieldCatalog catalog, FilterCompiler compiler)
            throws OutputError {
        ConditionKey key = new ConditionKey(catalog.source(), format);
        CompiledOutput cached = outputs.get(key);
        if (cached != null) {
            return cached;
        }
        CompiledOutput output = compileOutputUncached(format, catalog, compiler);
        outputs.put(key, output);
        outputOrigins.put(output, key);
        return output;
    }

    /**
     * Copies of {@code rules} in which the rules of {@code source} have their conditions and outputs
     * compiled again, through worker copies of the catalogues ({@link FieldCatalog#forWorker}): the copies
     * share no scratch buffers or field handles with the originals, so another thread may evaluate them
     * concurrently. Rules of other sources are returned as they are. Everything else about a rule
     * (selection state aside) is unchanged; rules that shared a compiled condition still share one copy.
     *
     * @param rules rules this compiler produced
     * @throws IllegalStateException when a rule was not compiled here or no longer compiles
     */
    public List<CompiledRule> compileForWorker(List<CompiledRule> rules, String source) {
        FieldCatalog catalog = catalogs.get(source);
        if (catalog == null) {
            return List.copyOf(rules);
        }
        FieldCatalog workerCatalog = catalog.forWorker();
        FilterCompiler compiler = new FilterCompiler(workerCatalog);
        Map<CompiledFilter, CompiledFilter> filters = new IdentityHashMap<>();
        Map<CompiledOutput, CompiledOutput> outputCopies = new IdentityHashMap<>();
        List<CompiledRule> out = new ArrayList<>(rules.size());
        try {
            for (CompiledRule rule : rules) {
                if (!rule.source().equals(source)) {
                    out.add(rule);
                    continue;
                }
                CompiledFilter filter = filters.get(rule.filter());
                if (filter == null) {
                    ConditionKey origin = filterOrigins.get(rule.filter());
                    if (origin == null) {
                        throw new IllegalStateException("rule '" + rule.name() + "' was not compiled by this compiler");
                    }
                    filter = compiler.compile((Expr) origin.what());
                    filters.put(rule.filter(), filter);
                }
                CompiledOutput output = workerOutput(rule.output(), workerCatalog, compiler, outputCopies);
                Map<String, CompiledOutput> extras = new LinkedHashMap<>();
                for (Map.Entry<String, CompiledOutput> e : rule.extraFields().entrySet()) {
                    extras.put(e.getKey(), workerOutput(e.getValue(), workerCatalog, compiler, outputCopies));
                }
                out.add(new CompiledRule(rule.name(), rule.description(), rule.priority(), rule.source(), rule.tags(),
                        rule.enabled(), rule.outputText(), output, extras, filter, rule.eventCodes(), rule.index(),
                        rule.capture(), rule.captureDurationMs()));
            }
        } catch (ConditionCompileException | OutputError e) {
            throw new IllegalStateException("a rule of source " + source + " no longer compiles for a worker: "
                    + e.getMessage(), e);
        }
        return out;
    }

    private CompiledOutput workerOutput(CompiledOutput original, FieldCatalog catalog, FilterCompiler compiler,
                                        Map<CompiledOutput, CompiledOutput> copies) throws OutputError {
        CompiledOutput copy = copies.get(original);
        if (copy == null) {
            ConditionKey origin = outputOrigins.get(original);
            if (origin == null) {
                throw new IllegalStateException("output '" + original.format() + "' was not compiled by this compiler");
            }
            copy = compileOutputUncached((String) origin.what(), catalog, compiler);
            copies.put(original, copy);
        }
        return copy;
    }

    private CompiledOutput compileOutputUncached(String format, FieldCatalog catalog, FilterCompiler compiler)
            throws OutputError {
        List<RuleSyntax.FormatPart> parts;
        try {
            parts = syntax.parseOutput(format, catalog::knows);
        } catch (RuleSyntax.SyntaxError e) {
            throw new OutputError(e.getMessage());
        }
        List<CompiledOutput.Part> compiled = new ArrayList<>(parts.size());
        for (RuleSyntax.FormatPart part : parts) {
            switch (part) {
                case RuleSyntax.TextPart t -> compiled.add(new CompiledOutput.Text(t.text()));
                case RuleSyntax.FieldPart f -> {
                    try {
                        compiled.add(new CompiledOutput.Field(compiler.compileOperand(f.operand()), f.width(),
                                f.token(), f.operand() instanceof FieldRef));
                    } catch (ConditionCompileException e) {
                        throw new OutputError(e.getMessage());
                    }
                }
            }
        }
        return new CompiledOutput(format, compiled);
    }

    /** True when {@code field} is a valid left-hand side for {@code source} (exception checks). */
    public boolean isFieldDefined(String source, String field) {
        FieldCatalog catalog = catalogs.get(source);
        if (catalog == null) {
            return false;
        }
        FilterCompiler compiler = compilers.computeIfAbsent(source, s -> new FilterCompiler(catalog));
        try {
            Object probe = parsed.computeIfAbsent(field + " exists", t -> {
                try {
                    return syntax.parseCondition(t);
                } catch (RuleSyntax.SyntaxError e) {
                    return e;
                }
            });
            if (!(probe instanceof dev.peregrine.platform.condition.ast.Check check)) {
                return false;
            }
            compiler.compileOperand(check.left());
            return true;
        } catch (ConditionCompileException e) {
            return false;
        }
    }
}
