package dev.peregrine.platform.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tree of known falco.yaml keys (Falco 0.44 plus our top-level {@code platform} block). A file with
 * an unknown key fails schema validation, which is only ever a warning: the key is then ignored.
 */
final class ConfigSchema {

    /** A node of the key tree. */
    private sealed interface Shape permits Leaf, Free, Obj, ListOf {
    }

    /** A scalar or a list of scalars. */
    private record Leaf() implements Shape {
    }

    /** Anything goes (plugin init_config, static_fields ...). */
    private record Free() implements Shape {
    }

    private record Obj(Map<String, Shape> keys) implements Shape {
    }

    /** A list whose map items follow {@code item}; scalar items are accepted. */
    private record ListOf(Shape item) implements Shape {
    }

    private static final Leaf LEAF = new Leaf();
    private static final Free FREE = new Free();
    private static final Obj ROOT = buildRoot();

    private ConfigSchema() {
    }

    /** Returns the validation status text of one file: {@code ok} or {@code failed for <ctx>: <msg>}. */
    static String validate(Map<String, Object> document) {
        List<String> failures = new ArrayList<>();
        check(ROOT, document, "<root>", failures);
        return failures.isEmpty() ? "ok" : "failed for " + failures.get(0);
    }

    private static void check(Shape shape, Object node, String context, List<String> failures) {
        if (!failures.isEmpty()) {
            return;
        }
        switch (shape) {
            case Obj obj -> {
                if (!(node instanceof Map<?, ?> map)) {
                    if (node != null) {
                        failures.add(context + ": Value type not permitted by 'type' constraint.");
                    }
                    return;
                }
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    Shape child = obj.keys().get(key);
                    if (child == null) {
                        failures.add(context + ": Object contains a property that could not be validated using "
                                + "'properties' or 'additionalProperties' constraints: '" + key + "'.");
                        return;
                    }
                    check(child, entry.getValue(), context + " [" + key + "]", failures);
                }
            }
            case ListOf listOf -> {
                if (node instanceof List<?> list) {
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i) instanceof Map<?, ?>) {
                            check(listOf.item(), list.get(i), context + " [" + i + "]", failures);
                        }
                    }
                } else if (node instanceof Map<?, ?>) {
                    check(listOf.item(), node, context, failures);
                }
            }
            case Leaf leaf -> {
                if (node instanceof Map<?, ?>) {
                    failures.add(context + ": Value type not permitted by 'type' constraint.");
                }
            }
            case Free free -> {
            }
        }
    }

    /** A JSON schema (draft-07) of the key tree; leaves accept any scalar or list. */
    static String jsonSchema() {
        StringBuilder out = new StringBuilder();
        out.append("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"title\":\"falco.yaml\",");
        appendShape(out, ROOT);
        return out.append('}').toString();
    }

    private static void appendShape(StringBuilder out, Shape shape) {
        switch (shape) {
            case Obj obj -> {
                out.append("\"type\":\"object\",\"additionalProperties\":false,\"properties\":{");
                boolean first = true;
                for (String key : new java.util.TreeSet<>(obj.keys().keySet())) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    out.append('"').append(key).append("\":{");
                    appendShape(out, obj.keys().get(key));
                    out.append('}');
                }
                out.append('}');
            }
            case ListOf listOf -> {
                out.append("\"type\":[\"array\",\"string\",\"object\"],\"items\":{");
                appendShape(out, listOf.item());
                out.append('}');
            }
            case Leaf leaf -> out.append("\"type\":[\"string\",\"number\",\"boolean\",\"array\",\"null\"]");
            case Free free -> out.append("\"description\":\"any value\"");
        }
    }

    private static Obj obj(Object... keysAndShapes) {
        Map<String, Shape> keys = new LinkedHashMap<>();
        for (int i = 0; i < keysAndShapes.length; i += 2) {
            keys.put((String) keysAndShapes[i], (Shape) keysAndShapes[i + 1]);
        }
        return new Obj(Map.copyOf(keys));
    }

    private static Obj leaves(String... names) {
        Map<String, Shape> keys = new LinkedHashMap<>();
        for (String name : names) {
            keys.put(name, LEAF);
        }
        return new Obj(Map.copyOf(keys));
    }

    private static Obj buildRoot() {
        Map<String, Shape> root = new LinkedHashMap<>();
        for (String leaf : List.of("watch_config_files", "rules_files", "rules_file", "load_plugins",
                "plugins_hostinfo", "time_format_iso_8601", "buffer_format_base64", "priority", "json_output",
                "json_include_output_property", "json_include_message_property",
                "json_include_output_fields_property", "json_include_tags_property", "buffered_outputs",
                "rule_matching", "log_level", "log_stderr", "log_syslog", "output_timeout")) {
            root.put(leaf, LEAF);
        }
        root.put("config_files", new ListOf(leaves("path", "strategy")));
        Obj selector = leaves("rule", "tag");
        root.put("rules", new ListOf(obj("enable", selector, "disable", selector)));
        root.put("engine", obj(
                "kind", LEAF,
                "write_file", LEAF,
                "kmod", leaves("buf_size_preset", "drop_failed_exit"),
                "modern_ebpf", leaves("cpus_for_each_buffer", "buf_size_preset", "drop_failed_exit",
                        "disable_iterators", "partitions"),
                "replay", leaves("capture_file")));
        root.put("capture", leaves("enabled", "path_prefix", "mode", "default_duration", "max_file_size_mb"));
        root.put("plugins", new ListOf(obj("name", LEAF, "library_path", LEAF, "init_config", FREE,
                "open_params", LEAF)));
        root.put("outputs_queue", leaves("capacity"));
        root.put("static_fields", FREE);
        root.put("append_output", new ListOf(obj(
                "match", leaves("source", "rule", "tags"),
                "extra_output", LEAF,
                "extra_fields", FREE,
                "suggested_output", LEAF)));
        root.put("stdout_output", leaves("enabled"));
        root.put("syslog_output", leaves("enabled"));
        root.put("file_output", leaves("enabled", "keep_alive", "filename"));
        root.put("program_output", leaves("enabled", "keep_alive", "program"));
        root.put("http_output", leaves("enabled", "url", "user_agent", "insecure", "ca_cert", "ca_bundle",
                "ca_path", "mtls", "client_cert", "client_key", "echo", "compress_uploads", "keep_alive",
                "max_consecutive_timeouts"));
        root.put("webserver", leaves("enabled", "threadiness", "listen_port", "listen_address",
                "k8s_healthz_endpoint", "prometheus_metrics_enabled", "ssl_enabled", "ssl_certificate"));
        root.put("libs_logger", leaves("enabled", "severity"));
        root.put("syscall_event_timeouts", leaves("max_consecutives"));
        root.put("syscall_event_drops", leaves("threshold", "actions", "rate", "max_burst", "simulate_drops"));
        root.put("metrics", leaves("enabled", "interval", "output_rule", "output_file", "rules_counters_enabled",
                "resource_utilization_enabled", "state_counters_enabled", "kernel_event_counters_enabled",
                "kernel_event_counters_per_cpu_enabled", "kernel_iter_event_counters_enabled",
                "libbpf_stats_enabled", "plugins_metrics_enabled", "jemalloc_stats_enabled",
                "convert_memory_to_mb", "include_empty_values"));
        root.put("base_syscalls", leaves("custom_set", "repair", "all"));
        root.put("falco_libs", leaves("thread_table_size", "thread_table_auto_purging_interval_s",
                "thread_table_auto_purging_thread_timeout_s", "snaplen"));
        root.put("platform", leaves("plugins_dir", "json_layout", "legacy_event_metrics", "syslog_socket"));
        return new Obj(Map.copyOf(root));
    }
}
