package dev.peregrine.platform.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peregrine.platform.config.PeregrineConfig.AppendOutput;
import dev.peregrine.platform.config.PeregrineConfig.DropAction;
import dev.peregrine.platform.config.PeregrineConfig.EngineKind;
import dev.peregrine.platform.config.PeregrineConfig.ExtraField;
import dev.peregrine.platform.config.PeregrineConfig.Plugin;
import dev.peregrine.platform.config.PeregrineConfig.RuleSelection;
import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.log.LogLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the merged tree into {@link PeregrineConfig}. Missing keys take the value Falco uses when the
 * key is absent (the shipped falco.yaml sets its own values explicitly); semantic errors throw
 * {@link ConfigException} with Falco's sentence.
 */
final class ConfigInterpreter {

    private static final Pattern INTERVAL = Pattern.compile(
            "^(\\d+y)?(\\d+w)?(\\d+d)?(\\d+h)?(\\d+m)?(\\d+s)?(\\d+ms)?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> root;
    private final ConfigReader read;
    private final List<String> files;
    private final List<ConfigMessage> messages;

    ConfigInterpreter(Map<String, Object> root, List<String> files, List<ConfigMessage> messages) {
        this.root = root;
        this.read = new ConfigReader(root);
        this.files = files;
        this.messages = messages;
    }

    /** Falco prefixes most semantic errors with the main file's name. */
    private ConfigException fileError(String message) {
        return new ConfigException("Error reading config file (" + configName() + "): " + message);
    }

    private String configName() {
        return files.isEmpty() ? "" : files.get(0);
    }

    PeregrineConfig interpret() {
        PeregrineConfig.Json json = new PeregrineConfig.Json(
                read.bool("json_output", false),
                read.bool("json_include_output_property", true),
                read.bool("json_include_message_property", false),
                read.bool("json_include_output_fields_property", true),
                read.bool("json_include_tags_property", true));
        if (read.bool("capture.enabled", false)) {
            messages.add(ConfigMessage.warning("capture.enabled is set, but capturing events to files is not "
                    + "supported; the capture settings are ignored"));
        }
        if (read.bool("grpc.enabled", false) && read.bool("grpc_output.enabled", false)) {
            messages.add(ConfigMessage.warning("gRPC output is not supported; use http_output"));
        }
        return new PeregrineConfig(
                files,
                freeze(root),
                engine(),
                rulesFiles(),
                ruleSelections(),
                plugins(),
                priority(),
                ruleMatching(),
                read.bool("time_format_iso_8601", false),
                read.bool("buffer_format_base64", false),
                json,
                read.bool("buffered_outputs", false),
                Math.max(0, read.integer("outputs_queue.capacity", 0)),
                staticFields(),
                appendOutput(),
                outputs(),
                Math.max(0, read.integer("output_timeout", 2000)),
                webserver(),
                logging(),
                timeouts(),
                drops(),
                metrics(),
                read.bool("watch_config_files", true),
                platform());
    }

    private PeregrineConfig.Engine engine() {
        String kind = read.string("engine.kind", "kmod");
        EngineKind parsed = switch (kind) {
            case "kmod" -> EngineKind.KMOD;
            case "modern_ebpf" -> EngineKind.MODERN_EBPF;
            case "replay" -> EngineKind.REPLAY;
            case "nodriver" -> EngineKind.NODRIVER;
            case "ebpf" -> EngineKind.EBPF;
            case "gvisor" -> EngineKind.GVISOR;
            default -> throw fileError("engine.kind '" + kind + "' is not a valid kind.");
        };
        if (parsed == EngineKind.EBPF || parsed == EngineKind.GVISOR) {
            messages.add(ConfigMessage.warning("Using deprecated engine '" + kind
                    + "'. Please consider switching to another engine."));
        }
        String capture = read.string("engine.replay.capture_file", "");
        if (parsed == EngineKind.REPLAY && capture.isEmpty()) {
            throw fileError("engine.kind is 'replay' but no engine.replay.capture_file specified.");
        }
        String live = parsed == EngineKind.KMOD ? "engine.kmod." : "engine.modern_ebpf.";
        long preset = read.integer(live + "buf_size_preset", 4);
        if (preset < 1 || preset > 10) {
            throw fileError(live + "buf_size_preset " + preset + " is outside 1..10.");
        }
        long partitions = read.integer("engine.modern_ebpf.partitions", 0);
        if (partitions < 0 || partitions > 1024) {
            throw fileError("engine.modern_ebpf.partitions " + partitions + " is outside 0..1024.");
        }
        return new PeregrineConfig.Engine(parsed, capture, read.string("engine.write_file", ""), (int) preset,
                read.bool(live + "drop_failed_exit", false), (int) partitions);
    }

    private List<String> rulesFiles() {
        boolean plural = read.present("rules_files");
        boolean singular = read.present("rules_file");
        if (plural && singular) {
            throw fileError("both 'rules_files' and 'rules_file' keys set");
        }
        if (singular) {
            messages.add(ConfigMessage.warning("Using deprecated config key 'rules_file' (singular form). "
                    + "Please use new 'rules_files' config key (plural form)."));
            return read.strings("rules_file");
        }
        return read.strings("rules_files");
    }

    private List<RuleSelection> ruleSelections() {
        List<RuleSelection> out = new ArrayList<>();
        for (Object item : read.list("rules")) {
            if (!(item instanceof Map<?, ?> map)) {
                continue;
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                boolean enable = "enable".equals(entry.getKey());
                if (!enable && !"disable".equals(entry.getKey())) {
                    continue;
                }
                if (entry.getValue() instanceof Map<?, ?> selector) {
                    String rule = selector.get("rule") instanceof String s ? s : null;
                    String tag = selector.get("tag") instanceof String s ? s : null;
                    if (rule != null || tag != null) {
                        out.add(new RuleSelection(enable, rule, tag));
                    }
                }
            }
        }
        return out;
    }

    private PeregrineConfig.Plugins plugins() {
        List<Plugin> entries = new ArrayList<>();
        for (Object item : read.list("plugins")) {
            if (!(item instanceof Map<?, ?> map)) {
                continue;
            }
            if (!(map.get("name") instanceof String name) || name.isEmpty()) {
                throw new ConfigException("Config error: a 'plugins' entry has no 'name' key.");
            }
            if (!(map.get("library_path") instanceof String library) || library.isEmpty()) {
                throw new ConfigException("Config error: plugin '" + name + "' has no 'library_path' key.");
            }
            Object init = map.get("init_config");
            String initConfig = init == null ? "" : init instanceof String s ? s : compactJson(init);
            String openParams = map.get("open_params") instanceof String s ? s.strip() : "";
            entries.add(new Plugin(name, library, initConfig, openParams));
        }
        Optional<List<String>> loadPlugins = read.present("load_plugins")
                ? Optional.of(List.copyOf(read.strings("load_plugins"))) : Optional.empty();
        List<Plugin> selected = new ArrayList<>();
        if (loadPlugins.isEmpty()) {
            selected.addAll(entries);
        } else {
            for (String name : loadPlugins.get()) {
                Plugin found = entries.stream().filter(p -> p.name().equals(name)).findFirst()
                        .orElseThrow(() -> new ConfigException("Cannot load plugin '" + name
                                + "': plugin config not found for given name"));
                selected.add(found);
            }
        }
        return new PeregrineConfig.Plugins(entries, loadPlugins, selected, read.bool("plugins_hostinfo", true));
    }

    private Priority priority() {
        String value = read.string("priority", "debug");
        return Priority.parse(value).orElseThrow(() -> new ConfigException("Unknown priority \"" + value
                + "\"--must be one of emergency, alert, critical, error, warning, notice, informational, debug"));
    }

    private PeregrineConfig.RuleMatching ruleMatching() {
        String value = read.string("rule_matching", "first");
        return switch (value) {
            case "first" -> PeregrineConfig.RuleMatching.FIRST;
            case "all" -> PeregrineConfig.RuleMatching.ALL;
            default -> throw new ConfigException("Unknown rule matching strategy \"" + value
                    + "\"--must be one of first, all");
        };
    }

    private Map<String, String> staticFields() {
        Map<String, String> out = new LinkedHashMap<>();
        if (read.node("static_fields").orElse(null) instanceof Map<?, ?> map) {
            map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : v instanceof String s ? s
                    : compactJson(v)));
        }
        return out;
    }

    private List<AppendOutput> appendOutput() {
        List<AppendOutput> out = new ArrayList<>();
        for (Object item : read.list("append_output")) {
            if (!(item instanceof Map<?, ?> map)) {
                continue;
            }
            String source = null;
            String rule = null;
            List<String> tags = List.of();
            if (map.get("match") instanceof Map<?, ?> match) {
                source = match.get("source") instanceof String s ? s : null;
                rule = match.get("rule") instanceof String s ? s : null;
                Object t = match.get("tags");
                if (t instanceof List<?> list) {
                    tags = list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
                } else if (t instanceof String s) {
                    tags = List.of(s);
                }
                if (rule != null && !tags.isEmpty()) {
                    // Falco trims only the last blank of its ", "-joined list, so a comma stays at the end.
                    String tagList = String.join(", ", tags) + ",";
                    messages.add(ConfigMessage.warning("An append_ouptut entry specifies both a rule (" + rule
                            + ") and a list of tags (" + tagList + "). This means that output will be appended "
                            + "only to the " + rule + " rule and only if it has all the tags: " + tagList + "."));
                }
            }
            String extraOutput = map.get("extra_output") instanceof String s ? s : null;
            List<ExtraField> extraFields = new ArrayList<>();
            Object fields = map.get("extra_fields");
            List<?> fieldList = fields instanceof List<?> l ? l : fields == null ? List.of() : List.of(fields);
            for (Object field : fieldList) {
                if (field instanceof String name) {
                    extraFields.add(new ExtraField(name, null));
                } else if (field instanceof Map<?, ?> single) {
                    single.forEach((k, v) -> extraFields.add(new ExtraField(String.valueOf(k),
                            v instanceof String s ? s : "")));
                }
            }
            boolean suggested = map.get("suggested_output") instanceof String s
                    && Boolean.TRUE.equals(ConfigReader.toBool(s));
            out.add(new AppendOutput(source, rule, tags, extraOutput, extraFields, suggested));
        }
        return out;
    }

    private PeregrineConfig.Outputs outputs() {
        boolean stdout = read.bool("stdout_output.enabled", false);
        boolean syslog = read.bool("syslog_output.enabled", false);
        PeregrineConfig.FileOutput file = new PeregrineConfig.FileOutput(
                read.bool("file_output.enabled", false),
                read.bool("file_output.keep_alive", false),
                read.string("file_output.filename", ""));
        if (file.enabled() && file.filename().isEmpty()) {
            throw fileError("file output enabled but no filename in configuration block");
        }
        PeregrineConfig.ProgramOutput program = new PeregrineConfig.ProgramOutput(
                read.bool("program_output.enabled", false),
                read.bool("program_output.keep_alive", false),
                read.string("program_output.program", ""));
        if (program.enabled() && program.program().isEmpty()) {
            throw fileError("program output enabled but no program in configuration block");
        }
        String url = read.string("http_output.url", "");
        if (url.length() >= 2 && (url.startsWith("\"") && url.endsWith("\"")
                || url.startsWith("'") && url.endsWith("'"))) {
            url = url.substring(1, url.length() - 1);
        }
        boolean httpEnabled = read.bool("http_output.enabled", false);
        if (httpEnabled && url.isEmpty()) {
            throw fileError("http output enabled but no url in configuration block");
        }
        String ca = firstNonEmpty(read.string("http_output.ca_cert", ""), read.string("http_output.ca_bundle", ""),
                read.string("http_output.ca_path", "/etc/ssl/certs"));
        long timeouts = read.integer("http_output.max_consecutive_timeouts", 5);
        PeregrineConfig.HttpOutput http = new PeregrineConfig.HttpOutput(httpEnabled, url,
                read.string("http_output.user_agent", "falcosecurity/falco"),
                read.bool("http_output.insecure", false), ca,
                read.bool("http_output.mtls", false),
                read.string("http_output.client_cert", "/etc/ssl/certs/client.crt"),
                read.string("http_output.client_key", "/etc/ssl/certs/client.key"),
                read.bool("http_output.echo", false),
                read.bool("http_output.compress_uploads", false),
                read.bool("http_output.keep_alive", false),
                timeouts < 0 || timeouts > 255 ? 5 : (int) timeouts);
        return new PeregrineConfig.Outputs(stdout, syslog, file, program, http);
    }

    private PeregrineConfig.Webserver webserver() {
        String address = read.string("webserver.listen_address", "0.0.0.0");
        if (!isIpLiteral(address)) {
            throw fileError("webserver listen address \"" + address + "\" is not a valid IP address");
        }
        return new PeregrineConfig.Webserver(
                read.bool("webserver.enabled", false),
                (int) read.integer("webserver.threadiness", 0),
                (int) read.integer("webserver.listen_port", 8765),
                address,
                read.string("webserver.k8s_healthz_endpoint", "/healthz"),
                read.bool("webserver.prometheus_metrics_enabled", false),
                read.bool("webserver.ssl_enabled", false),
                read.string("webserver.ssl_certificate", "/etc/falco/falco.pem"));
    }

    private PeregrineConfig.Logging logging() {
        String level = read.string("log_level", "info");
        LogLevel parsed = LogLevel.parse(level).orElseThrow(() -> new ConfigException("Unknown log level " + level));
        return new PeregrineConfig.Logging(parsed,
                read.bool("log_stderr", false),
                read.bool("log_syslog", true),
                read.bool("libs_logger.enabled", true),
                read.string("libs_logger.severity", "info"));
    }

    private long timeouts() {
        long max = read.integer("syscall_event_timeouts.max_consecutives", 1000);
        if (max <= 0) {
            // Falco writes this one without the space before the parenthesis.
            throw new ConfigException("Error reading config file(" + configName() + "): the maximum consecutive "
                    + "timeouts without an event must be an unsigned integer > 0");
        }
        return max;
    }

    private PeregrineConfig.Drops drops() {
        double threshold = read.decimal("syscall_event_drops.threshold", 0.1);
        if (!(threshold >= 0 && threshold <= 1)) {
            throw fileError("syscall event drops threshold must be a double in the range [0, 1]");
        }
        List<DropAction> actions = new ArrayList<>();
        boolean ignore = false;
        for (String action : read.strings("syscall_event_drops.actions")) {
            String lower = action.toLowerCase(Locale.ROOT);
            DropAction parsed = switch (lower) {
                case "ignore" -> DropAction.IGNORE;
                case "log" -> DropAction.LOG;
                case "alert" -> DropAction.ALERT;
                case "exit" -> DropAction.EXIT;
                default -> throw fileError("available actions for syscall event drops are "
                        + "\"ignore\", \"log\", \"alert\", and \"exit\"");
            };
            if (parsed == DropAction.IGNORE) {
                ignore = true;
            } else if (ignore && (parsed == DropAction.LOG || parsed == DropAction.ALERT)) {
                throw fileError("syscall event drop action \"" + lower
                        + "\" does not make sense with the \"ignore\" action");
            }
            actions.add(parsed);
        }
        return new PeregrineConfig.Drops(threshold, actions,
                read.decimal("syscall_event_drops.rate", 0.03333),
                read.decimal("syscall_event_drops.max_burst", 1),
                read.bool("syscall_event_drops.simulate_drops", false));
    }

    private PeregrineConfig.Metrics metrics() {
        boolean enabled = read.bool("metrics.enabled", false);
        boolean outputRule = read.bool("metrics.output_rule", false);
        String outputFile = read.string("metrics.output_file", "");
        long interval = 0;
        if (enabled) {
            String text = read.string("metrics.interval", "5000").replaceAll("\\s", "");
            if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
                throw new ConfigException("Metrics interval was passed as numeric value without Prometheus time "
                        + "unit. Please specify a time unit");
            }
            interval = parseInterval(text);
            if (interval < 100) {
                throw new ConfigException("Metrics interval must have a minimum value of 100ms and reflect a "
                        + "Prometheus compliant time duration format: "
                        + "https://prometheus.io/docs/prometheus/latest/querying/basics/#time-durations ");
            }
            if (!outputRule && outputFile.isEmpty() && !read.bool("webserver.prometheus_metrics_enabled", false)) {
                throw new ConfigException("Metrics are enabled with no output configured. Please enable at least "
                        + "one output channel ('metrics.output_rule', 'metrics.output_file' or "
                        + "'webserver.prometheus_metrics_enabled')");
            }
        }
        return new PeregrineConfig.Metrics(enabled, interval, outputRule, outputFile,
                read.bool("metrics.rules_counters_enabled", true),
                read.bool("metrics.resource_utilization_enabled", true),
                read.bool("metrics.plugins_metrics_enabled", true),
                read.bool("metrics.convert_memory_to_mb", true),
                read.bool("metrics.include_empty_values", false));
    }

    /** Milliseconds of a Prometheus duration, 0 when it does not follow the grammar. */
    static long parseInterval(String text) {
        Matcher m = INTERVAL.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            return 0;
        }
        long[] unitMillis = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
        long total = 0;
        for (int g = 1; g <= 7; g++) {
            String part = m.group(g);
            if (part != null) {
                String digits = part.replaceAll("[a-z]", "");
                total += Long.parseLong(digits) * unitMillis[g - 1];
            }
        }
        return total;
    }

    private PeregrineConfig.Platform platform() {
        String layout = read.string("platform.json_layout", "modern");
        return new PeregrineConfig.Platform(
                read.string("platform.plugins_dir", ""),
                "legacy".equals(layout) ? PeregrineConfig.JsonLayout.LEGACY : PeregrineConfig.JsonLayout.MODERN,
                read.bool("platform.legacy_event_metrics", false),
                read.string("platform.syslog_socket", "/dev/log"));
    }

    private static boolean isIpLiteral(String text) {
        if (text.matches("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})")) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (text.contains(":") && text.matches("[0-9A-Fa-f:.]+")) {
            try {
                java.net.InetAddress.getByName(text);
                return true;
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (!v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    /** Renders a YAML subtree as compact JSON, typing scalars the way yaml-to-JSON conversion does. */
    static String compactJson(Object node) {
        try {
            return JSON.writeValueAsString(typed(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render configuration node as JSON", e);
        }
    }

    private static Object typed(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), typed(v)));
            return out;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(ConfigInterpreter::typed).toList();
        }
        if (node instanceof String s) {
            if (s.equals("true") || s.equals("false")) {
                return Boolean.valueOf(s);
            }
            if (s.matches("-?\\d{1,18}")) {
                return Long.parseLong(s);
            }
            if (s.matches("-?\\d+\\.\\d+([eE][-+]?\\d+)?")) {
                return Double.parseDouble(s);
            }
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> freeze(Map<String, Object> tree) {
        return (Map<String, Object>) deepFreeze(tree);
    }

    private static Object deepFreeze(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), deepFreeze(v)));
            return Collections.unmodifiableMap(out);
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(deepFreeze(v)));
            return Collections.unmodifiableList(out);
        }
        return node;
    }
}
