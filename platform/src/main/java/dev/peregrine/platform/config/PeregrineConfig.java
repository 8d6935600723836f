package dev.peregrine.platform.config;

import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.log.LogLevel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The interpreted falco.yaml (after includes and {@code -o}): immutable values the rest of the platform
 * reads. Keys that are only forwarded (base_syscalls, falco_libs, capture, container settings) are
 * available raw through {@link #raw()}.
 *
 * @param configFiles          every file merged, main file first
 * @param raw                  the merged tree (unmodifiable deep copy), e.g. for {@code --support}
 * @param engine               {@code engine.*}
 * @param rulesFiles           {@code rules_files} as written (directories not yet expanded)
 * @param rules                {@code rules:} enable/disable selections in order
 * @param plugins              plugin entries and {@code load_plugins}
 * @param minimumPriority      {@code priority}
 * @param ruleMatching         {@code rule_matching}
 * @param timeFormatIso8601    {@code time_format_iso_8601}
 * @param bufferFormatBase64   {@code buffer_format_base64}
 * @param json                 {@code json_output} and {@code json_include_*}
 * @param bufferedOutputs      {@code buffered_outputs}
 * @param outputsQueueCapacity {@code outputs_queue.capacity}; 0 means unbounded
 * @param staticFields         {@code static_fields}
 * @param appendOutput         {@code append_output} items in order
 * @param outputs              the output channels
 * @param outputTimeoutMillis  {@code output_timeout}
 * @param webserver            {@code webserver.*}
 * @param logging              {@code log_*} and {@code libs_logger}
 * @param syscallEventTimeoutsMaxConsecutives {@code syscall_event_timeouts.max_consecutives}
 * @param drops                {@code syscall_event_drops}
 * @param metrics              {@code metrics}
 * @param watchConfigFiles     {@code watch_config_files}
 * @param platform             our {@code platform.*} extension keys
 */
public record PeregrineConfig(
        List<String> configFiles,
        Map<String, Object> raw,
        Engine engine,
        List<String> rulesFiles,
        List<RuleSelection> rules,
        Plugins plugins,
        Priority minimumPriority,
        RuleMatching ruleMatching,
        boolean timeFormatIso8601,
        boolean bufferFormatBase64,
        Json json,
        boolean bufferedOutputs,
        long outputsQueueCapacity,
        Map<String, String> staticFields,
        List<AppendOutput> appendOutput,
        Outputs outputs,
        long outputTimeoutMillis,
        Webserver webserver,
        Logging logging,
        long syscallEventTimeoutsMaxConsecutives,
        Drops drops,
        Metrics metrics,
        boolean watchConfigFiles,
        Platform platform) {

    public PeregrineConfig {
        configFiles = List.copyOf(configFiles);
        rulesFiles = List.copyOf(rulesFiles);
        rules = List.copyOf(rules);
        staticFields = Map.copyOf(staticFields);
        appendOutput = List.copyOf(appendOutput);
    }

    /** Where events come from. */
    public enum EngineKind {
        KMOD, MODERN_EBPF, EBPF, GVISOR, REPLAY, NODRIVER;

        /** The name used in falco.yaml. */
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** {@code rule_matching}. */
    public enum RuleMatching { FIRST, ALL }

    /** {@code syscall_event_drops.actions} items. */
    public enum DropAction { IGNORE, LOG, ALERT, EXIT }

    /**
     * {@code engine.*}: the kind, the replay capture file and the live drivers' settings.
     *
     * @param kind              {@code engine.kind}
     * @param replayCaptureFile {@code engine.replay.capture_file}
     * @param writeFile         {@code engine.write_file} ({@code -w}): record the syscall events read, or empty
     * @param bufSizePreset     {@code buf_size_preset} of the selected live engine
     * @param dropFailedExit    {@code drop_failed_exit} of the selected live engine
     * @param partitions        {@code engine.modern_ebpf.partitions}: ring buffers and workers, 0 = one per CPU
     */
    public record Engine(EngineKind kind, String replayCaptureFile, String writeFile, int bufSizePreset,
                         boolean dropFailedExit, int partitions) {

        /** An engine of {@code kind} with every other setting at its default. */
        public Engine(EngineKind kind, String replayCaptureFile) {
            this(kind, replayCaptureFile, "", 4, false, 0);
        }
    }

    /**
     * One {@code rules:} entry.
     *
     * @param enable true for {@code enable}, false for {@code disable}
     * @param rule   rule-name wildcard, or null
     * @param tag    exact tag, or null
     */
    public record RuleSelection(boolean enable, String rule, String tag) {
    }

    /**
     * One {@code plugins:} entry, raw (resolution of {@code library_path} is the plugin host's job).
     *
     * @param initConfig map values already rendered as compact JSON, null as ""
     */
    public record Plugin(String name, String libraryPath, String initConfig, String openParams) {
    }

    /**
     * Plugins to load.
     *
     * @param entries     every {@code plugins:} entry as written
     * @param loadPlugins {@code load_plugins} when present (even empty), else empty
     * @param selected    entries to load, in load order (after applying {@code load_plugins})
     * @param hostInfo    {@code plugins_hostinfo}
     */
    public record Plugins(List<Plugin> entries, Optional<List<String>> loadPlugins, List<Plugin> selected,
                          boolean hostInfo) {
        public Plugins {
            entries = List.copyOf(entries);
            selected = List.copyOf(selected);
        }
    }

    /** {@code json_output} and the {@code json_include_*_property} toggles. */
    public record Json(boolean enabled, boolean includeOutput, boolean includeMessage,
                       boolean includeOutputFields, boolean includeTags) {
    }

    /**
     * One {@code append_output} item.
     *
     * @param source          match on source, or null
     * @param rule            match on exact rule name, or null
     * @param tags            the rule must have all of these
     * @param extraOutput     text appended to the output, or null
     * @param extraFields     fields added to JSON {@code output_fields}
     * @param suggestedOutput append the plugins' suggested fields
     */
    public record AppendOutput(String source, String rule, List<String> tags, String extraOutput,
                               List<ExtraField> extraFields, boolean suggestedOutput) {
        public AppendOutput {
            tags = List.copyOf(tags);
            extraFields = List.copyOf(extraFields);
        }
    }

    /** An {@code extra_fields} entry: a raw field name, or a key with a format string ({@code format} non-null). */
    public record ExtraField(String name, String format) {
    }

    /** Every output channel. */
    public record Outputs(boolean stdout, boolean syslog, FileOutput file, ProgramOutput program, HttpOutput http) {
    }

    /** {@code file_output}. */
    public record FileOutput(boolean enabled, boolean keepAlive, String filename) {
    }

    /** {@code program_output}. */
    public record ProgramOutput(boolean enabled, boolean keepAlive, String program) {
    }

    /** {@code http_output}; {@code caCert} is the first non-empty of ca_cert, ca_bundle, ca_path. */
    public record HttpOutput(boolean enabled, String url, String userAgent, boolean insecure, String caCert,
                             boolean mtls, String clientCert, String clientKey, boolean echo,
                             boolean compressUploads, boolean keepAlive, int maxConsecutiveTimeouts) {
    }

    /** {@code webserver.*}. */
    public record Webserver(boolean enabled, int threadiness, int listenPort, String listenAddress,
                            String healthzEndpoint, boolean prometheusMetricsEnabled, boolean sslEnabled,
                            String sslCertificate) {
    }

    /** Operational logging. */
    public record Logging(LogLevel level, boolean stderr, boolean syslog, boolean libsLoggerEnabled,
                          String libsLoggerSeverity) {
    }

    /** {@code syscall_event_drops}. */
    public record Drops(double threshold, List<DropAction> actions, double rate, double maxBurst,
                        boolean simulateDrops) {
        public Drops {
            actions = List.copyOf(actions);
        }
    }

    /** {@code metrics} (only what the platform reads; flags stay in {@link #raw()}). */
    public record Metrics(boolean enabled, long intervalMillis, boolean outputRule, String outputFile,
                          boolean rulesCountersEnabled, boolean resourceUtilizationEnabled,
                          boolean pluginsMetricsEnabled, boolean convertMemoryToMb, boolean includeEmptyValues) {
    }

    /** Our {@code platform.*} keys; an empty {@code pluginsDir} means "the installation's plugins/ folder". */
    public record Platform(String pluginsDir, JsonLayout jsonLayout, boolean legacyEventMetrics,
                           String syslogSocket) {
    }

    /** {@code platform.json_layout}. */
    public enum JsonLayout { MODERN, LEGACY }
}
