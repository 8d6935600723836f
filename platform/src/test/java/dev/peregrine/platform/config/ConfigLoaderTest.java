package dev.peregrine.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.platform.config.PeregrineConfig.DropAction;
import dev.peregrine.platform.config.PeregrineConfig.EngineKind;
import dev.peregrine.platform.engine.Priority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of("HOME", "/root", "EMPTY", "")::get);

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private LoadedConfig load(String yaml, String... options) throws IOException {
        return loader.load(write("falco.yaml", yaml), List.of(options));
    }

    private String fatal(String yaml, String... options) {
        return assertThrows(ConfigException.class, () -> load(yaml, options)).getMessage();
    }

    private static final String STDOUT = "stdout_output:\n  enabled: true\n";

    @Test
    void missingMainFileIsReportedWithItsPath() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.load(Path.of("missing.yaml"), List.of()));
        assertEquals("Could not find configuration file at missing.yaml", e.getMessage());
    }

    @Test
    void absentKeysTakeFalcoAbsentDefaults() throws IOException {
        PeregrineConfig c = load(STDOUT).config();
        assertEquals(EngineKind.KMOD, c.engine().kind());
        assertEquals(Priority.DEBUG, c.minimumPriority());
        assertEquals(PeregrineConfig.RuleMatching.FIRST, c.ruleMatching());
        assertEquals(List.of(), c.rulesFiles());
        assertEquals(List.of(), c.drops().actions());
        assertEquals(0.1, c.drops().threshold());
        assertFalse(c.outputs().syslog());
        assertFalse(c.logging().stderr());
        assertTrue(c.logging().syslog());
        assertEquals(2000, c.outputTimeoutMillis());
        assertEquals("", c.platform().pluginsDir(), "absent: Main falls back to the installation's plugins/");
        assertEquals("falcosecurity/falco", c.outputs().http().userAgent());
        assertTrue(c.json().includeOutput());
        assertFalse(c.json().includeMessage());
        assertEquals(List.of(), c.appendOutput());
    }

    @Test
    void environmentVariablesExpandInFileScalarsButEscapesStayLiteral() throws IOException {
        PeregrineConfig c = load(STDOUT + "file_output:\n  enabled: false\n  filename: ${HOME}/x$${HOME}${NOPE}\n")
                .config();
        assertEquals("/root/x${HOME}", c.outputs().file().filename());
    }

    @Test
    void environmentVariablesDoNotExpandInOptions() throws IOException {
        PeregrineConfig c = load(STDOUT, "file_output.filename=${HOME}").config();
        assertEquals("${HOME}", c.outputs().file().filename());
    }

    @Test
    void unknownKeyWarnsButLoadingContinues() throws IOException {
        LoadedConfig loaded = load(STDOUT + "foo: 1\n");
        assertEquals("Falco initialized with configuration files:", loaded.messages().get(0).text());
        ConfigMessage line = loaded.messages().get(1);
        assertEquals("warning", line.level());
        assertTrue(line.text().startsWith("   " + dir.resolve("falco.yaml") + " | schema validation: failed for "),
                line.text());
        assertTrue(line.text().contains("'foo'"), line.text());
    }

    @Test
    void knownKeysValidateOk() throws IOException {
        LoadedConfig loaded = load(STDOUT + "engine:\n  kind: nodriver\nplatform:\n  json_layout: legacy\n");
        assertEquals(new ConfigMessage("info", "   " + dir.resolve("falco.yaml") + " | schema validation: ok"),
                loaded.messages().get(1));
    }

    @Test
    void configDirectoryMergesSortedWithAppendAsDefaultStrategy() throws IOException {
        write("conf.d/b.yaml", "rules_files: [b.yaml]\npriority: error\n");
        write("conf.d/a.yaml", "rules_files: [a.yaml]\npriority: notice\n");
        PeregrineConfig c = load(STDOUT + "rules_files: [main.yaml]\nconfig_files: [" + dir.resolve("conf.d")
                + ", " + dir.resolve("nope.yaml") + "]\n").config();
        assertEquals(List.of("main.yaml", "a.yaml", "b.yaml"), c.rulesFiles());
        assertEquals(Priority.ERROR, c.minimumPriority());
        assertEquals(3, c.configFiles().size());
    }

    @Test
    void addOnlyNeverOverridesAndOverrideReplacesLists() throws IOException {
        write("add.yaml", "priority: error\nrule_matching: all\n");
        write("over.yaml", "rules_files: [o.yaml]\n");
        PeregrineConfig c = load(STDOUT + "priority: notice\nrules_files: [m.yaml]\nconfig_files:\n"
                + "  - path: " + dir.resolve("add.yaml") + "\n    strategy: add-only\n"
                + "  - path: " + dir.resolve("over.yaml") + "\n    strategy: override\n").config();
        assertEquals(Priority.NOTICE, c.minimumPriority());
        assertEquals(PeregrineConfig.RuleMatching.ALL, c.ruleMatching());
        assertEquals(List.of("o.yaml"), c.rulesFiles());
    }

    @Test
    void includedEngineReplacesTheWholeMap() throws IOException {
        write("inc.yaml", "engine:\n  kind: nodriver\n");
        PeregrineConfig c = load(STDOUT + "engine:\n  kind: replay\n  replay:\n    capture_file: x.scap\n"
                + "config_files: [" + dir.resolve("inc.yaml") + "]\n").config();
        assertEquals(EngineKind.NODRIVER, c.engine().kind());
        assertEquals("", c.engine().replayCaptureFile());
    }

    @Test
    void configFilesInsideAnIncludeIsFatal() throws IOException {
        Path inc = write("inc.yaml", "config_files: [x]\n");
        assertEquals("Config error: 'config_files' directive in included config file " + inc + ".",
                fatal(STDOUT + "config_files: [" + inc + "]\n"));
    }

    @Test
    void includingTheMainFileIsFatal() {
        assertEquals("Config error: 'config_files' directive tried to recursively include main config file: "
                + dir.resolve("falco.yaml") + ".", fatal(STDOUT + "config_files: [" + dir.resolve("falco.yaml") + "]\n"));
    }

    @Test
    void configFilesOptionSelectsIncludesBeforeMerging() throws IOException {
        write("inc.yaml", "priority: critical\n");
        PeregrineConfig c = load(STDOUT, "config_files[]=" + dir.resolve("inc.yaml")).config();
        assertEquals(Priority.CRITICAL, c.minimumPriority());
    }

    @Test
    void optionsBeatIncludedFiles() throws IOException {
        write("inc.yaml", "priority: critical\n");
        PeregrineConfig c = load(STDOUT + "config_files: [" + dir.resolve("inc.yaml") + "]\n", "priority=alert")
                .config();
        assertEquals(Priority.ALERT, c.minimumPriority());
    }

    @Test
    void lenientTypingFallsBackToDefaultsAndAcceptsYamlBooleans() throws IOException {
        PeregrineConfig c = load("stdout_output:\n  enabled: yes\nbuffered_outputs: on\njson_output: maybe\n"
                + "output_timeout: soon\nrules_files: single.yaml\n").config();
        assertTrue(c.outputs().stdout());
        assertTrue(c.bufferedOutputs());
        assertFalse(c.json().enabled());
        assertEquals(2000, c.outputTimeoutMillis());
        assertEquals(List.of("single.yaml"), c.rulesFiles());
    }

    @Test
    void rulesFileAloneWarnsAndBothAreFatal() throws IOException {
        LoadedConfig loaded = load(STDOUT + "rules_file: /a.yaml\n");
        assertEquals(List.of("/a.yaml"), loaded.config().rulesFiles());
        assertTrue(loaded.messages().contains(ConfigMessage.warning("Using deprecated config key 'rules_file' "
                + "(singular form). Please use new 'rules_files' config key (plural form).")));
        assertTrue(fatal(STDOUT + "rules_file: a\nrules_files: [b]\n")
                .endsWith("both 'rules_files' and 'rules_file' keys set"));
    }

    private String prefix() {
        return "Error reading config file (" + dir.resolve("falco.yaml") + "): ";
    }

    @Test
    void semanticErrorsAreFatalWithFalcoMessages() {
        assertEquals("Unknown priority \"loud\"--must be one of emergency, alert, critical, error, warning, notice, "
                + "informational, debug", fatal(STDOUT, "priority=loud"));
        assertEquals("Unknown rule matching strategy \"some\"--must be one of first, all",
                fatal(STDOUT, "rule_matching=some"));
        assertEquals(prefix() + "engine.kind 'bpf' is not a valid kind.", fatal(STDOUT, "engine.kind=bpf"));
        assertEquals(prefix() + "engine.kind is 'replay' but no engine.replay.capture_file specified.",
                fatal(STDOUT, "engine.kind=replay"));
        assertEquals(prefix() + "file output enabled but no filename in configuration block",
                fatal(STDOUT, "file_output.enabled=true"));
        assertEquals(prefix() + "program output enabled but no program in configuration block",
                fatal(STDOUT, "program_output.enabled=true"));
        assertEquals(prefix() + "http output enabled but no url in configuration block",
                fatal(STDOUT, "http_output.enabled=true"));
        assertEquals("Unknown log level verbose", fatal(STDOUT, "log_level=verbose"));
        assertEquals(prefix() + "webserver listen address \"localhost\" is not a valid IP address",
                fatal(STDOUT, "webserver.listen_address=localhost"));
        assertEquals("Cannot load plugin 'x': plugin config not found for given name",
                fatal(STDOUT, "load_plugins[]=x"));
        assertEquals("Error reading config file(" + dir.resolve("falco.yaml") + "): the maximum consecutive timeouts "
                + "without an event must be an unsigned integer > 0",
                fatal(STDOUT, "syscall_event_timeouts.max_consecutives=0"));
    }

    @Test
    void noEnabledOutputIsNotAConfigurationError() throws IOException {
        PeregrineConfig c = load("json_output: true\n").config();
        assertFalse(c.outputs().stdout());
    }

    @Test
    void appendOutputWithRuleAndTagsWarnsLikeFalco() throws IOException {
        LoadedConfig loaded = load(STDOUT, "append_output[]={\"match\": {\"rule\": \"r\", \"tags\": [a, b]}}");
        assertTrue(loaded.messages().contains(ConfigMessage.warning("An append_ouptut entry specifies both a rule (r) "
                + "and a list of tags (a, b,). This means that output will be appended only to the r rule and only "
                + "if it has all the tags: a, b,.")), loaded.messages().toString());
    }

    @Test
    void dropSettingsAreValidated() throws IOException {
        assertEquals(prefix() + "syscall event drops threshold must be a double in the range [0, 1]",
                fatal(STDOUT + "syscall_event_drops:\n  threshold: 1.1\n"));
        assertEquals(prefix() + "syscall event drop action \"log\" does not make sense with the \"ignore\" action",
                fatal(STDOUT + "syscall_event_drops:\n  actions: [ignore, log]\n"));
        assertTrue(fatal(STDOUT + "syscall_event_drops:\n  actions: [shout]\n")
                .startsWith(prefix() + "available actions for syscall event drops are "));
        PeregrineConfig c = load(STDOUT + "syscall_event_drops:\n  actions: [log, alert]\n  max_burst: 10\n"
                + "  rate: .03333\n  simulate_drops: true\n").config();
        assertEquals(List.of(DropAction.LOG, DropAction.ALERT), c.drops().actions());
        assertEquals(10.0, c.drops().maxBurst());
        assertEquals(0.03333, c.drops().rate());
        assertTrue(c.drops().simulateDrops());
    }

    @Test
    void metricsIntervalNeedsAUnitAndAMinimumAndASink() throws IOException {
        String base = STDOUT + "metrics:\n  enabled: true\n  output_rule: true\n";
        assertTrue(fatal(base).startsWith("Metrics interval was passed as numeric value without Prometheus time unit."));
        assertTrue(fatal(base + "  interval: 50ms\n").startsWith("Metrics interval must have a minimum value of 100ms"));
        assertTrue(fatal(STDOUT + "metrics:\n  enabled: true\n  interval: 1s\n")
                .startsWith("Metrics are enabled with no output configured."));
        assertEquals(3_723_000 + 4, load(base + "  interval: 1h 2m 3s 4ms\n").config().metrics().intervalMillis());
    }

    @Test
    void loadPluginsAbsentLoadsEveryEntryAndPresentSelectsInOrder() throws IOException {
        String plugins = STDOUT + "plugins:\n  - name: a\n    library_path: a.so\n    init_config:\n      x: 1\n"
                + "      y: [true, s]\n    open_params: '  p  '\n  - name: b\n    library_path: b.so\n";
        PeregrineConfig all = load(plugins).config();
        assertEquals(List.of("a", "b"), all.plugins().selected().stream().map(PeregrineConfig.Plugin::name).toList());
        assertEquals("{\"x\":1,\"y\":[true,\"s\"]}", all.plugins().entries().get(0).initConfig());
        assertEquals("p", all.plugins().entries().get(0).openParams());
        assertEquals("", all.plugins().entries().get(1).initConfig());
        PeregrineConfig some = load(plugins + "load_plugins: [b]\n").config();
        assertEquals(List.of("b"), some.plugins().selected().stream().map(PeregrineConfig.Plugin::name).toList());
        assertEquals(List.of(), load(plugins + "load_plugins: []\n").config().plugins().selected());
    }

    @Test
    void appendOutputItemsAreReadInOrder() throws IOException {
        PeregrineConfig c = load(STDOUT, "append_output[]={\"match\": {\"source\": \"syscall\"}, "
                + "\"extra_output\": \"on CPU %evt.cpu\", \"extra_fields\": [{\"home\": \"h\"}, \"evt.hostname\"]}",
                "append_output[].suggested_output=true").config();
        assertEquals(2, c.appendOutput().size());
        PeregrineConfig.AppendOutput first = c.appendOutput().get(0);
        assertEquals("syscall", first.source());
        assertEquals("on CPU %evt.cpu", first.extraOutput());
        assertEquals(List.of(new PeregrineConfig.ExtraField("home", "h"),
                new PeregrineConfig.ExtraField("evt.hostname", null)), first.extraFields());
        assertTrue(c.appendOutput().get(1).suggestedOutput());
    }

    @Test
    void rulesSelectionsKeepOrder() throws IOException {
        PeregrineConfig c = load(STDOUT, "rules[].disable.rule=*", "rules[].enable.tag=network").config();
        assertEquals(List.of(new PeregrineConfig.RuleSelection(false, "*", null),
                new PeregrineConfig.RuleSelection(true, null, "network")), c.rules());
    }

    @Test
    void enabledCaptureAndGrpcOnlyWarn() throws IOException {
        LoadedConfig loaded = load(STDOUT + "capture:\n  enabled: true\ngrpc:\n  enabled: true\n"
                + "grpc_output:\n  enabled: true\n");
        assertTrue(loaded.messages().contains(ConfigMessage.warning("gRPC output is not supported; use http_output")));
        assertTrue(loaded.messages().stream().anyMatch(m -> m.level().equals("warning")
                && m.text().startsWith("capture.enabled is set")), loaded.messages().toString());
    }

    @Test
    void httpUrlLosesEnclosingQuotes() throws IOException {
        PeregrineConfig c = load(STDOUT + "http_output:\n  enabled: true\n  url: '\"http://h:2801/\"'\n").config();
        assertEquals("http://h:2801/", c.outputs().http().url());
    }

    @Test
    void legacyDropConfigsFromTheCorpusBehaveAsTheCasesExpect() throws IOException {
        String shared = System.getProperty("peregrine.shared");
        org.junit.jupiter.api.Assumptions.assumeTrue(shared != null && Files.isDirectory(Path.of(shared)),
                "peregrine.shared is not available; skipping corpus configs");
        Path confs = Path.of(shared, "compat/legacy/confs");
        assertEquals(List.of(DropAction.ALERT),
                loader.load(confs.resolve("drops_alert.yaml"), List.of()).config().drops().actions());
        assertThrows(ConfigException.class, () -> loader.load(confs.resolve("drops_ignore_log.yaml"), List.of()));
        assertThrows(ConfigException.class, () -> loader.load(confs.resolve("drops_threshold_oor.yaml"), List.of()));
        assertEquals(List.of("/etc/falco_rules.yaml"),
                loader.load(confs.resolve("file_output.yaml"), List.of()).config().rulesFiles());
    }
}
