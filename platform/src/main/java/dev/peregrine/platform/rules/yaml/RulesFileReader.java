package dev.peregrine.platform.rules.yaml;

import static dev.peregrine.platform.rules.result.LoadCode.LOAD_ERR_YAML_VALIDATE;
import static dev.peregrine.platform.rules.yaml.YamlNodes.at;
import static dev.peregrine.platform.rules.yaml.YamlNodes.get;
import static dev.peregrine.platform.rules.yaml.YamlNodes.has;
import static dev.peregrine.platform.rules.yaml.YamlNodes.isMap;
import static dev.peregrine.platform.rules.yaml.YamlNodes.isNull;
import static dev.peregrine.platform.rules.yaml.YamlNodes.isScalar;
import static dev.peregrine.platform.rules.yaml.YamlNodes.isSequence;
import static dev.peregrine.platform.rules.yaml.YamlNodes.text;

import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.rules.collect.ExceptionEntry;
import dev.peregrine.platform.rules.collect.ListDef;
import dev.peregrine.platform.rules.collect.MacroDef;
import dev.peregrine.platform.rules.collect.PluginRequirement;
import dev.peregrine.platform.rules.collect.RequiredPluginGroup;
import dev.peregrine.platform.rules.collect.RuleCollector;
import dev.peregrine.platform.rules.collect.RuleDefinition;
import dev.peregrine.platform.rules.collect.RuleException;
import dev.peregrine.platform.rules.collect.RuleUpdate;
import dev.peregrine.platform.rules.result.Context;
import dev.peregrine.platform.rules.result.ItemType;
import dev.peregrine.platform.rules.result.LoadCode;
import dev.peregrine.platform.rules.result.LoadException;
import dev.peregrine.platform.rules.result.LoadReport;
import dev.peregrine.platform.version.SemanticVersion;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one rules file: YAML documents → items with Falco's shape checks and positions, handed to
 * the shared {@link RuleCollector}. Stops at the first error.
 */
public final class RulesFileReader {

    private static final Pattern LIST_NAME = Pattern.compile("[^()\"'\\s=,]+");
    private static final Pattern MACRO_NAME = Pattern.compile("[a-zA-Z]+[a-zA-Z0-9_]*");

    private static final Set<String> LIST_KEYS = Set.of("list", "items", "append", "override");
    private static final Set<String> MACRO_KEYS = Set.of("macro", "condition", "append", "override");
    private static final Set<String> RULE_KEYS = Set.of("rule", "condition", "output", "desc", "priority", "source",
            "enabled", "tags", "exceptions", "capture", "capture_duration", "warn_evttypes", "skip-if-unknown-filter",
            "append", "override");
    private static final List<String> RULE_APPENDABLE = List.of("condition", "output", "desc", "tags", "exceptions");
    private static final List<String> RULE_REPLACEABLE = List.of("condition", "output", "desc", "priority", "capture",
            "capture_duration", "tags", "exceptions", "enabled", "warn_evttypes", "skip-if-unknown-filter");

    private static final String WARNING_APPEND = "'append' key is deprecated. Add an 'append' entry"
            + " (e.g. 'condition: append') under 'override' instead.";
    private static final String WARNING_ENABLED = "The standalone 'enabled' key usage is deprecated. The correct"
            + " approach requires also a 'replace' entry under the 'override' key (i.e. 'enabled: replace').";
    private static final String ERROR_OVERRIDE_APPEND = "Keys 'override' and 'append: true' cannot be used together."
            + " Add an 'append' entry (e.g. 'condition: append') under 'override' instead.";

    private final RuleCollector collector;

    public RulesFileReader(RuleCollector collector) {
        this.collector = collector;
    }

    /** Reads {@code content} into the collector; returns false (with the error in the report) on failure. */
    public boolean read(String fileName, String content, LoadReport report) {
        Context fileContext = Context.file(fileName);
        List<Node> documents = new ArrayList<>();
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true);
            options.setCodePointLimit(Integer.MAX_VALUE);
            options.setMaxAliasesForCollections(10_000);
            for (Node doc : new Yaml(options).composeAll(new StringReader(content))) {
                documents.add(doc);
            }
        } catch (MarkedYAMLException e) {
            report.error(new LoadException(LoadCode.LOAD_ERR_YAML_PARSE, parseMessage(e), markContext(fileContext, e)));
            return false;
        } catch (YAMLException e) {
            report.error(new LoadException(LoadCode.LOAD_ERR_YAML_PARSE, String.valueOf(e.getMessage()), fileContext));
            return false;
        }
        try {
            for (Node doc : documents) {
                if (doc == null || isNull(doc)) {
                    continue;
                }
                if (!isMap(doc) && !isSequence(doc)) {
                    throw validate("Rules content is not yaml", fileContext);
                }
                if (!isSequence(doc)) {
                    throw validate("Rules content is not yaml array of objects", fileContext);
                }
                for (Node item : ((SequenceNode) doc).getValue()) {
                    if (!isNull(item)) {
                        readItem(item, fileContext, report);
                    }
                }
            }
        } catch (LoadException e) {
            report.error(e);
            return false;
        }
        return true;
    }

    // ---- items

    private void readItem(Node item, Context parent, LoadReport report) throws LoadException {
        if (!isMap(item)) {
            throw validate("Unexpected element type. Each element should be a yaml associative array.",
                    at(parent, item, ItemType.RULES_CONTENT_ITEM, ""));
        }
        if (has(item, "required_engine_version")) {
            warnUnknownKeys(item, Set.of("required_engine_version"),
                    at(parent, item, ItemType.REQUIRED_ENGINE_VERSION, ""), report);
            readEngineVersion(item, parent);
        } else if (has(item, "required_plugin_versions")) {
            warnUnknownKeys(item, Set.of("required_plugin_versions"),
                    at(parent, item, ItemType.REQUIRED_PLUGIN_VERSIONS, ""), report);
            readPluginVersions(item, parent);
        } else if (has(item, "list")) {
            readList(item, parent, report);
        } else if (has(item, "macro")) {
            readMacro(item, parent, report);
        } else if (has(item, "rule")) {
            readRule(item, parent, report);
        } else {
            report.warn(LoadCode.LOAD_UNKNOWN_ITEM, "Unknown top level item",
                    at(parent, item, ItemType.RULES_CONTENT_ITEM, ""));
        }
    }

    private void readEngineVersion(Node item, Context parent) throws LoadException {
        Context ctx = at(parent, item, ItemType.REQUIRED_ENGINE_VERSION, "");
        String raw = decodeString(item, "required_engine_version", ctx, false);
        Optional<Long> number = ScalarDecoder.uint32(raw);
        SemanticVersion version;
        if (number.isPresent()) {
            version = new SemanticVersion(0, number.get(), 0);
        } else {
            version = SemanticVersion.parse(raw).orElseThrow(() -> validate("Unable to parse engine version '" + raw
                    + "' as a semver string. Expected \"x.y.z\" semver format.", ctx));
        }
        collector.requireEngineVersion(version, ctx);
    }

    private void readPluginVersions(Node item, Context parent) throws LoadException {
        Node value = get(item, "required_plugin_versions");
        Context ctx = at(parent, value, ItemType.REQUIRED_PLUGIN_VERSIONS, "");
        if (!isSequence(value)) {
            throw validate("Value of required_plugin_versions must be a sequence", ctx);
        }
        for (Node plugin : ((SequenceNode) value).getValue()) {
            Context tmp = at(ctx, plugin, ItemType.REQUIRED_PLUGIN_VERSIONS_ENTRY, "");
            if (!isMap(plugin)) {
                throw validate("Plugin version must be a mapping", tmp);
            }
            String name = decodeString(plugin, "name", tmp, false);
            Context pctx = at(ctx, plugin, ItemType.REQUIRED_PLUGIN_VERSIONS_ENTRY, name);
            List<PluginRequirement> alternatives = new ArrayList<>();
            alternatives.add(new PluginRequirement(name, decodeString(plugin, "version", pctx, false)));
            Node alts = get(plugin, "alternatives");
            if (alts != null) {
                if (!isSequence(alts)) {
                    throw validate("Value of plugin version alternatives must be a sequence", pctx);
                }
                for (Node alt : ((SequenceNode) alts).getValue()) {
                    Context actx = at(pctx, alt, ItemType.REQUIRED_PLUGIN_VERSIONS_ALTERNATIVE, "");
                    if (!isMap(alt)) {
                        throw validate("Plugin version alternative must be a mapping", actx);
                    }
                    String altName = decodeString(alt, "name", actx, false);
                    actx = at(pctx, alt, ItemType.REQUIRED_PLUGIN_VERSIONS_ALTERNATIVE, altName);
                    alternatives.add(new PluginRequirement(altName, decodeString(alt, "version", actx, false)));
                }
            }
            collector.requirePlugins(new RequiredPluginGroup(alternatives, pctx));
        }
    }

    private void readList(Node item, Context parent, LoadReport report) throws LoadException {
        String name = decodeString(item, "list", at(parent, item, ItemType.LIST, ""), false);
        Context ctx = at(parent, item, ItemType.LIST, name);
        warnUnknownKeys(item, LIST_KEYS, ctx, report);
        if (!LIST_NAME.matcher(name).matches()) {
            report.warn(LoadCode.LOAD_INVALID_LIST_NAME, "List has an invalid name. List names should match a regular"
                    + " expression: ([^()\"'[:space:]=,]+)", ctx);
        }
        List<String> items = decodeSequence(item, "items", ctx, false);
        boolean append = decodeBool(item, "append", ctx).orElse(false);
        if (append) {
            report.warn(LoadCode.LOAD_DEPRECATED_ITEM, WARNING_APPEND, ctx);
        }
        Overrides overrides = decodeOverrides(item, Set.of("items"), Set.of("items"), ctx);
        if (append && !overrides.isEmpty()) {
            throw validate(ERROR_OVERRIDE_APPEND, ctx);
        }
        if (append || overrides.append().contains("items")) {
            collector.appendList(name, items, ctx);
        } else {
            collector.defineList(new ListDef(name, items, ctx));
        }
    }

    private void readMacro(Node item, Context parent, LoadReport report) throws LoadException {
        String name = decodeString(item, "macro", at(parent, item, ItemType.MACRO, ""), false);
        Context ctx = at(parent, item, ItemType.MACRO, name);
        warnUnknownKeys(item, MACRO_KEYS, ctx, report);
        if (!MACRO_NAME.matcher(name).matches()) {
            report.warn(LoadCode.LOAD_INVALID_MACRO_NAME, "Macro has an invalid name. Macro names should match a"
                    + " regular expression: ([a-zA-Z]+[a-zA-Z0-9_]*)", ctx);
        }
        String condition = decodeString(item, "condition", ctx, false);
        Context condCtx = at(ctx, get(item, "condition"), ItemType.MACRO_CONDITION, "");
        boolean append = decodeBool(item, "append", ctx).orElse(false);
        if (append) {
            report.warn(LoadCode.LOAD_DEPRECATED_ITEM, WARNING_APPEND, ctx);
        }
        Overrides overrides = decodeOverrides(item, Set.of("condition"), Set.of("condition"), ctx);
        if (append && !overrides.isEmpty()) {
            throw validate(ERROR_OVERRIDE_APPEND, ctx);
        }
        if (append || overrides.append().contains("condition")) {
            collector.appendMacro(name, condition, ctx);
        } else {
            collector.defineMacro(new MacroDef(name, condition, ctx, condCtx));
        }
    }

    private void readRule(Node item, Context parent, LoadReport report) throws LoadException {
        String name = decodeString(item, "rule", at(parent, item, ItemType.RULE, ""), false);
        Context ctx = at(parent, item, ItemType.RULE, name);
        warnUnknownKeys(item, RULE_KEYS, ctx, report);
        boolean appendFlag = decodeBool(item, "append", ctx).orElse(false);
        if (appendFlag) {
            report.warn(LoadCode.LOAD_DEPRECATED_ITEM, WARNING_APPEND, ctx);
        }
        Overrides overrides = decodeOverrides(item, Set.copyOf(RULE_APPENDABLE), Set.copyOf(RULE_REPLACEABLE), ctx);
        if (appendFlag && !overrides.isEmpty()) {
            throw validate(ERROR_OVERRIDE_APPEND, ctx);
        }
        if (!overrides.isEmpty()) {
            readRuleOverride(item, name, ctx, overrides, report);
        } else if (appendFlag) {
            String condition = has(item, "condition") ? decodeString(item, "condition", ctx, false) : null;
            List<RuleException> exceptions = has(item, "exceptions") ? readExceptions(item, ctx, true, report) : null;
            String source = decodeOptionalString(item, "source", ctx);
            collector.appendRule(new RuleUpdate(name, ctx, source, condition, null, null, null, exceptions,
                    null, null, null, null, null, null));
        } else if (!has(item, "condition") && !has(item, "output") && !has(item, "desc") && !has(item, "priority")) {
            boolean enabled = decodeRequiredBool(item, "enabled", ctx);
            report.warn(LoadCode.LOAD_DEPRECATED_ITEM, WARNING_ENABLED, ctx);
            collector.enableRule(name, enabled, ctx);
        } else {
            String condition = decodeString(item, "condition", ctx, false);
            Context condCtx = at(ctx, get(item, "condition"), ItemType.RULE_CONDITION, "");
            String output = decodeString(item, "output", ctx, false);
            Context outCtx = at(ctx, get(item, "output"), ItemType.RULE_OUTPUT, "");
            String desc = decodeString(item, "desc", ctx, false);
            Priority priority = decodePriority(item, ctx);
            String source = decodeOptionalString(item, "source", ctx);
            boolean enabled = decodeBool(item, "enabled", ctx).orElse(true);
            boolean warnEvttypes = decodeBool(item, "warn_evttypes", ctx).orElse(true);
            boolean skip = decodeBool(item, "skip-if-unknown-filter", ctx).orElse(false);
            boolean capture = decodeBool(item, "capture", ctx).orElse(false);
            long duration = decodeUint(item, "capture_duration", ctx).orElse(0L);
            SortedSet<String> tags = has(item, "tags") ? new TreeSet<>(decodeSequence(item, "tags", ctx, true))
                    : new TreeSet<>();
            List<RuleException> exceptions = readExceptions(item, ctx, false, report);
            collector.defineRule(new RuleDefinition(name, ctx, condition, condCtx, output.strip(), outCtx, desc,
                    priority, source == null ? "syscall" : source, tags, exceptions, enabled, warnEvttypes, skip,
                    capture, duration), report);
        }
    }

    private void readRuleOverride(Node item, String name, Context ctx, Overrides overrides, LoadReport report)
            throws LoadException {
        Set<String> expected = new TreeSet<>();
        for (String key : RULE_REPLACEABLE) {
            if (has(item, key)) {
                expected.add(key);
            }
        }
        boolean conditionOverridden = overrides.append().contains("condition")
                || overrides.replace().contains("condition");
        String source = conditionOverridden ? decodeOptionalString(item, "source", ctx) : null;
        if (!overrides.append().isEmpty()) {
            Set<String> ops = overrides.append();
            String condition = null;
            String output = null;
            String desc = null;
            SortedSet<String> tags = null;
            List<RuleException> exceptions = null;
            if (expect(expected, ops, "append", "condition", ctx)) {
                condition = decodeString(item, "condition", ctx, false);
            }
            if (expect(expected, ops, "append", "exceptions", ctx)) {
                exceptions = readExceptions(item, ctx, true, report);
            }
            if (expect(expected, ops, "append", "output", ctx)) {
                output = decodeString(item, "output", ctx, false);
            }
            if (expect(expected, ops, "append", "desc", ctx)) {
                desc = decodeString(item, "desc", ctx, false);
            }
            if (expect(expected, ops, "append", "tags", ctx)) {
                tags = new TreeSet<>(decodeSequence(item, "tags", ctx, true));
            }
            collector.appendRule(new RuleUpdate(name, ctx, source, condition, output, desc, tags, exceptions,
                    null, null, null, null, null, null));
        }
        if (!overrides.replace().isEmpty()) {
            Set<String> ops = overrides.replace();
            String condition = null;
            String output = null;
            String desc = null;
            SortedSet<String> tags = null;
            List<RuleException> exceptions = null;
            Priority priority = null;
            Boolean capture = null;
            Long duration = null;
            Boolean enabled = null;
            Boolean warn = null;
            Boolean skip = null;
            if (expect(expected, ops, "replace", "condition", ctx)) {
                condition = decodeString(item, "condition", ctx, false);
            }
            if (expect(expected, ops, "replace", "exceptions", ctx)) {
                exceptions = readExceptions(item, ctx, true, report);
            }
            if (expect(expected, ops, "replace", "output", ctx)) {
                output = decodeString(item, "output", ctx, false);
            }
            if (expect(expected, ops, "replace", "desc", ctx)) {
                desc = decodeString(item, "desc", ctx, false);
            }
            if (expect(expected, ops, "replace", "tags", ctx)) {
                tags = new TreeSet<>(decodeSequence(item, "tags", ctx, true));
            }
            if (expect(expected, ops, "replace", "priority", ctx)) {
                priority = decodePriority(item, ctx);
            }
            if (expect(expected, ops, "replace", "capture", ctx)) {
                capture = decodeRequiredBool(item, "capture", ctx);
            }
            if (expect(expected, ops, "replace", "capture_duration", ctx)) {
                duration = decodeUint(item, "capture_duration", ctx).orElse(null);
            }
            if (expect(expected, ops, "replace", "enabled", ctx)) {
                enabled = decodeRequiredBool(item, "enabled", ctx);
            }
            if (expect(expected, ops, "replace", "warn_evttypes", ctx)) {
                warn = decodeRequiredBool(item, "warn_evttypes", ctx);
            }
            if (expect(expected, ops, "replace", "skip-if-unknown-filter", ctx)) {
                skip = decodeRequiredBool(item, "skip-if-unknown-filter", ctx);
            }
            collector.replaceRule(new RuleUpdate(name, ctx, source, condition, output, desc, tags, exceptions,
                    priority, enabled, warn, skip, capture, duration));
        }
        for (String key : expected) {
            throw validate("Unexpected key '" + key + "': no corresponding entry under 'override' is defined.",
                    at(ctx, get(item, key), ItemType.OVERRIDE, key));
        }
    }

    private static boolean expect(Set<String> expected, Set<String> ops, String kind, String key, Context ctx)
            throws LoadException {
        if (!ops.contains(key)) {
            return false;
        }
        if (!expected.contains(key)) {
            throw validate("An " + kind + " override for '" + key + "' was specified but '" + key
                    + "' is not defined", ctx);
        }
        expected.remove(key);
        return true;
    }

    // ---- exceptions

    private List<RuleException> readExceptions(Node item, Context parent, boolean append, LoadReport report)
            throws LoadException {
        List<RuleException> out = new ArrayList<>();
        Node exs = get(item, "exceptions");
        if (exs == null || isNull(exs)) {
            return out;
        }
        Context exesCtx = at(parent, exs, ItemType.EXCEPTIONS, "");
        if (!isSequence(exs)) {
            throw validate("Rule exceptions must be a sequence", exesCtx);
        }
        for (Node ex : ((SequenceNode) exs).getValue()) {
            Context tmp = at(exesCtx, ex, ItemType.EXCEPTION, "");
            if (!isMap(ex)) {
                throw validate("Rule exception must be a mapping", tmp);
            }
            String name = decodeString(ex, "name", tmp, false);
            Context exCtx = at(parent, ex, ItemType.EXCEPTION, name);
            for (RuleException prev : out) {
                if (prev.name().equals(name)) {
                    report.warn(LoadCode.LOAD_EXCEPTION_NAME_NOT_UNIQUE,
                            "Multiple definitions of exception '" + name + "' in the same rule", exCtx);
                    break;
                }
            }
            ExceptionEntry fields = decodeEntry(get(ex, "fields"), "fields", exCtx, append);
            ExceptionEntry comps = decodeEntry(get(ex, "comps"), "comps", exCtx, true);
            Node values = get(ex, "values");
            List<ExceptionEntry> decodedValues = new ArrayList<>();
            if (values != null) {
                Context valsCtx = at(exCtx, values, ItemType.EXCEPTION_VALUES, "");
                if (!isSequence(values)) {
                    throw validate("Rule exception values must be a sequence", valsCtx);
                }
                for (Node v : ((SequenceNode) values).getValue()) {
                    Context vctx = at(valsCtx, v, ItemType.EXCEPTION_VALUE, "");
                    decodedValues.add(decodeEntry(v, null, vctx, false));
                }
            } else if (append) {
                report.warn(LoadCode.LOAD_APPEND_NO_VALUES, "Overriding/appending exception with no values", exCtx);
            }
            out.add(new RuleException(name, fields, comps, decodedValues, values != null, exCtx));
        }
        return out;
    }

    /** A scalar or (nested) sequence; null when absent and optional. */
    private static ExceptionEntry decodeEntry(Node val, String key, Context ctx, boolean optional)
            throws LoadException {
        if (val == null) {
            if (optional) {
                return null;
            }
            throw validate("Item has no mapping for key '" + key + "'", ctx);
        }
        Context valCtx = at(ctx, val, ItemType.VALUE_FOR, key == null ? "" : key);
        if (isScalar(val)) {
            if (text(val).isEmpty()) {
                throw validate("Value must be non-empty", valCtx);
            }
            return ExceptionEntry.scalar(text(val));
        }
        if (isSequence(val)) {
            List<ExceptionEntry> items = new ArrayList<>();
            for (Node v : ((SequenceNode) val).getValue()) {
                items.add(decodeEntry(v, null, at(valCtx, v, ItemType.EXCEPTION, ""), false));
            }
            return ExceptionEntry.sequence(items);
        }
        // null or mapping: neither a scalar nor a list, so "not given"
        return new ExceptionEntry("", null);
    }

    // ---- overrides

    private record Overrides(Set<String> append, Set<String> replace) {
        boolean isEmpty() {
            return append.isEmpty() && replace.isEmpty();
        }
    }

    private static Overrides decodeOverrides(Node item, Set<String> appendable, Set<String> replaceable, Context ctx)
            throws LoadException {
        Set<String> append = new LinkedHashSet<>();
        Set<String> replace = new LinkedHashSet<>();
        Node val = get(item, "override");
        if (!(val instanceof MappingNode map)) {
            return new Overrides(append, replace);
        }
        Context overrideCtx = at(ctx, item, ItemType.OVERRIDE, "");
        for (NodeTuple t : map.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
            String op = t.getValueNode() instanceof ScalarNode s ? s.getValue() : "";
            if (op.equals("append")) {
                if (!appendable.contains(key)) {
                    throw validate("Key '" + key + "' cannot be appended to, use 'replace' instead",
                            at(overrideCtx, t.getKeyNode(), ItemType.OVERRIDE, key));
                }
                append.add(key);
            } else if (op.equals("replace")) {
                if (!replaceable.contains(key)) {
                    throw validate("Key '" + key + "' cannot be replaced",
                            at(overrideCtx, t.getKeyNode(), ItemType.OVERRIDE, key));
                }
                replace.add(key);
            } else {
                StringBuilder msg = new StringBuilder("Invalid override operation for key '").append(key)
                        .append("': '").append(op).append("'. Allowed values are: ");
                if (appendable.contains(key)) {
                    msg.append("append ");
                }
                if (replaceable.contains(key)) {
                    msg.append("replace ");
                }
                throw validate(msg.toString(), at(overrideCtx, t.getValueNode(), ItemType.VALUE_FOR, key));
            }
        }
        return new Overrides(append, replace);
    }

    // ---- scalar decoding

    private static void warnUnknownKeys(Node item, Set<String> allowed, Context ctx, LoadReport report) {
        for (NodeTuple t : ((MappingNode) item).getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && !allowed.contains(k.getValue())) {
                report.warn(LoadCode.LOAD_UNKNOWN_KEY, "Unknown key '" + k.getValue() + "'. The key will be ignored.",
                        at(ctx, t.getKeyNode(), ItemType.VALUE_FOR, k.getValue()));
            }
        }
    }

    /** Falco's decode_val for strings; returns null when absent and optional. */
    private static String decodeString(Node item, String key, Context ctx, boolean optional) throws LoadException {
        Node val = get(item, key);
        if (val == null) {
            if (optional) {
                return null;
            }
            throw validate("Item has no mapping for key '" + key + "'", ctx);
        }
        if (isNull(val)) {
            throw validate("Mapping for key '" + key + "' is empty", ctx);
        }
        Context valCtx = at(ctx, val, ItemType.VALUE_FOR, key);
        if (!isScalar(val)) {
            throw validate("Value is not a scalar value", valCtx);
        }
        if (text(val).isEmpty()) {
            throw validate("Value must be non-empty", valCtx);
        }
        return text(val);
    }

    private static String decodeOptionalString(Node item, String key, Context ctx) throws LoadException {
        return decodeString(item, key, ctx, true);
    }

    private static Optional<Boolean> decodeBool(Node item, String key, Context ctx) throws LoadException {
        String raw = decodeString(item, key, ctx, true);
        if (raw == null) {
            return Optional.empty();
        }
        Optional<Boolean> b = ScalarDecoder.bool(raw);
        if (b.isEmpty()) {
            throw validate("Can't decode YAML scalar value", at(ctx, get(item, key), ItemType.VALUE_FOR, key));
        }
        return b;
    }

    private static boolean decodeRequiredBool(Node item, String key, Context ctx) throws LoadException {
        decodeString(item, key, ctx, false);
        return decodeBool(item, key, ctx).orElseThrow();
    }

    private static Optional<Long> decodeUint(Node item, String key, Context ctx) throws LoadException {
        String raw = decodeString(item, key, ctx, true);
        if (raw == null) {
            return Optional.empty();
        }
        Optional<Long> n = ScalarDecoder.uint32(raw);
        if (n.isEmpty()) {
            throw validate("Can't decode YAML scalar value", at(ctx, get(item, key), ItemType.VALUE_FOR, key));
        }
        return n;
    }

    private static Priority decodePriority(Node item, Context ctx) throws LoadException {
        String raw = decodeString(item, "priority", ctx, false);
        Context priCtx = at(ctx, get(item, "priority"), ItemType.RULE_PRIORITY, "");
        return Priority.parse(raw).orElseThrow(() -> validate("Invalid priority", priCtx));
    }

    /** A sequence of scalars ({@code items}, {@code tags}). */
    private static List<String> decodeSequence(Node item, String key, Context ctx, boolean optional)
            throws LoadException {
        Node val = get(item, key);
        if (val == null) {
            if (optional) {
                return List.of();
            }
            throw validate("Item has no mapping for key '" + key + "'", ctx);
        }
        Context valCtx = at(ctx, val, ItemType.VALUE_FOR, key);
        if (!isSequence(val)) {
            throw validate("Value is not a sequence", valCtx);
        }
        List<String> out = new ArrayList<>();
        for (Node v : ((SequenceNode) val).getValue()) {
            if (!isScalar(v)) {
                throw validate("sequence value is not scalar", at(valCtx, v, ItemType.LIST_ITEM, ""));
            }
            out.add(text(v));
        }
        return out;
    }

    // ---- errors

    private static LoadException validate(String message, Context ctx) {
        return new LoadException(LOAD_ERR_YAML_VALIDATE, message, ctx);
    }

    private static Context markContext(Context file, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        if (mark == null) {
            return file;
        }
        return file.child(ItemType.VALUE_FOR, "", mark.getLine(), mark.getColumn(), mark.getIndex());
    }

    /** yaml-cpp's message shape: {@code yaml-cpp: error at line L, column C: problem} (1-based). */
    private static String parseMessage(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() == null ? "unknown YAML parsing error" : e.getProblem();
        if (problem.startsWith("mapping values are not allowed")) {
            problem = "illegal map value";
        }
        if (mark == null) {
            return "yaml-cpp: error: " + problem;
        }
        return "yaml-cpp: error at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": "
                + problem;
    }
}
