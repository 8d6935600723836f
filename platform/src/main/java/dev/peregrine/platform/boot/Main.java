package dev.peregrine.platform.boot;

import dev.peregrine.api.PluginLogger;
import dev.peregrine.platform.config.ConfigException;
import dev.peregrine.platform.config.ConfigLoader;
import dev.peregrine.platform.config.ConfigMessage;
import dev.peregrine.platform.config.ConfigOverride;
import dev.peregrine.platform.config.LoadedConfig;
import dev.peregrine.platform.config.PeregrineConfig.RuleSelection;
import dev.peregrine.platform.config.PeregrineConfig;
import dev.peregrine.platform.drops.DropMonitor;
import dev.peregrine.platform.engine.AppendOutput;
import dev.peregrine.platform.engine.CompiledRule;
import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.engine.RuleMatching;
import dev.peregrine.platform.engine.RulesLoader;
import dev.peregrine.platform.engine.Ruleset;
import dev.peregrine.platform.log.Log;
import dev.peregrine.platform.log.LogLevel;
import dev.peregrine.platform.log.StderrLog;
import dev.peregrine.platform.log.SyslogLog;
import dev.peregrine.platform.output.AlertFormatter;
import dev.peregrine.platform.output.Hostname;
import dev.peregrine.platform.output.OutputChannels;
import dev.peregrine.platform.output.OutputQueue;
import dev.peregrine.platform.output.RunSummary;
import dev.peregrine.platform.plugin.HostOptions;
import dev.peregrine.platform.plugin.JarPluginProvider;
import dev.peregrine.platform.plugin.PluginConfig;
import dev.peregrine.platform.plugin.PluginHost;
import dev.peregrine.platform.plugin.PluginLoadException;
import dev.peregrine.platform.plugin.PluginProvider;
import dev.peregrine.platform.plugin.SourceBinding;
import dev.peregrine.platform.rules.result.LoadResult;
import dev.peregrine.platform.source.NoDriver;
import dev.peregrine.platform.source.SourceRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The command-line entry point. Startup is Falco's named list of steps (see {@link #steps()}); each step
 * either continues or ends the run with an exit code. User errors print {@code Error: <msg>} and exit 1,
 * never a stack trace.
 */
public final class Main {

    /** System property the launcher sets to the distribution's falco.yaml (used when no {@code -c}). */
    public static final String CONFIG_PROPERTY = "peregrine.config";

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> environment;
    private final Properties properties;
    private final StderrLog stderrLog;
    private volatile Log syslogLog;
    private volatile LogLevel logThreshold = LogLevel.INFO;
    /** Operational log: stderr (per log_stderr) and syslog (per log_syslog), both filtered by log_level. */
    private final Log log = this::logLine;
    private final ZoneId zone = ZoneId.systemDefault();
    private final boolean handleSignals;
    private final Function<Path, PluginProvider> plugins;

    // run state, filled step by step
    private CommandLine cli;
    private Optional<Path> configPath = Optional.empty();
    private PeregrineConfig config;
    private String hostname;
    private PluginHost host;
    private RulesLoader rules;
    private Ruleset ruleset;
    private final List<Path> rulesFiles = new ArrayList<>();
    private OutputQueue queue;
    private final RunSummary summary = new RunSummary();
    private SourceRunner runner;
    private AlertPipeline pipeline;
    private DropMonitor dropMonitor;
    private long sourcesStartedNanos;
    private ReloadWatcher reloadWatcher;
    private volatile boolean restartRequested;
    private volatile boolean shutdownRequested;
    private volatile Main current;
    private Optional<String> sourceFailure = Optional.empty();

    /** A named startup step; returns an exit code to end the run, or empty to continue. */
    private record Step(String name, StepAction action) {
    }

    @FunctionalInterface
    private interface StepAction {
        OptionalInt run() throws Exception;
    }

    public Main(PrintStream out, PrintStream err, Function<String, String> environment, Properties properties) {
        this(out, err, environment, properties, true, JarPluginProvider::new);
    }

    /**
     * @param handleSignals false in tests, which must not take over the test JVM's signals
     * @param plugins       where plugins come from, given the plugins directory
     */
    Main(PrintStream out, PrintStream err, Function<String, String> environment, Properties properties,
         boolean handleSignals, Function<Path, PluginProvider> plugins) {
        this.handleSignals = handleSignals;
        this.plugins = plugins;
        this.out = out;
        this.err = err;
        this.environment = environment;
        this.properties = properties;
        this.stderrLog = new StderrLog(err, Instant::now, zone, LogLevel.INFO);
    }

    public static void main(String[] args) {
        PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        System.exit(new Main(stdout, stderr, System::getenv, System.getProperties()).run(args));
    }

    /**
     * Runs the command line and returns the process exit code. A validated hot restart (SIGHUP or a changed
     * configuration or rules file) tears the run down and starts a fresh one with the same arguments.
     */
    public int run(String[] args) {
        while (true) {
            Main attempt = new Main(out, err, environment, properties, handleSignals, plugins);
            current = attempt;
            int code = attempt.runOnce(args);
            if (!attempt.restartRequested) {
                return code;
            }
        }
    }

    /** What SIGINT/SIGTERM do: stop the sources of the current run, which then drains and exits. */
    void shutdown() {
        Main attempt = current;
        if (attempt != null && attempt.runner != null) {
            attempt.runner.stop();
        }
    }

    private int runOnce(String[] args) {
        try {
            cli = new CommandLineParser().parse(args);
            for (Step step : steps()) {
                log.debug("Startup step: " + step.name());
                OptionalInt exit = step.action().run();
                if (exit.isPresent()) {
                    return exit.getAsInt();
                }
            }
            return 0;
        } catch (UsageException | ConfigException e) {
            return fail(e.getMessage());
        } catch (PluginLoadException e) {
            return fail(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        } catch (Exception e) {
            err.println("Runtime error: " + e.getMessage() + ". Exiting.");
            return 1;
        } finally {
            teardown();
        }
    }

    private void logLine(LogLevel level, String message) {
        stderrLog.log(level, message);
        Log syslog = syslogLog;
        if (syslog != null && level.passes(logThreshold)) {
            syslog.log(level, message);
        }
    }

    private int fail(String message) {
        err.println("Error: " + message);
        err.flush();
        return 1;
    }

    /** Falco's startup, in order. Adding a stage touches this list only. */
    private List<Step> steps() {
        return List.of(
                new Step("print help", this::printHelp),
                new Step("print config schema", this::printConfigSchema),
                new Step("load config", this::loadConfig),
                new Step("print version", this::printVersion),
                new Step("print page size", this::printPageSize),
                new Step("require config file", this::requireConfigFile),
                new Step("load plugins", this::loadPlugins),
                new Step("init sources and field catalogues", this::initSources),
                new Step("validate rules files", this::validateRulesFiles),
                new Step("load and compile rules", this::loadRules),
                new Step("print support", this::printSupport),
                new Step("dry run", () -> cli.dryRun() ? OptionalInt.of(0) : OptionalInt.empty()),
                new Step("start outputs", this::startOutputs),
                new Step("write pidfile", this::writePidfile),
                new Step("install signal handlers", this::installSignals),
                new Step("start sources", this::startSources),
                new Step("wait for sources", this::awaitSources),
                new Step("drain outputs", this::drainOutputs),
                new Step("print summary", this::printSummary));
    }

    private OptionalInt printHelp() {
        if (!cli.help()) {
            return OptionalInt.empty();
        }
        out.print(HelpText.text());
        out.flush();
        return OptionalInt.of(0);
    }

    private OptionalInt printConfigSchema() {
        if (cli.ruleSchema()) {
            throw new UsageException("--rule-schema is not available in this version");
        }
        if (!cli.configSchema()) {
            return OptionalInt.empty();
        }
        out.println(dev.peregrine.platform.config.ConfigJsonSchema.text());
        return OptionalInt.of(0);
    }

    private OptionalInt loadConfig() {
        List<ConfigOverride> overrides = new ArrayList<>();
        for (String option : cli.options()) {
            overrides.add(ConfigOverride.parse(option));
        }
        overrides.addAll(cli.derivedOverrides());
        ConfigLoader loader = new ConfigLoader(environment);
        configPath = cli.configFile().map(Path::of)
                .or(() -> Optional.ofNullable(properties.getProperty(CONFIG_PROPERTY)).map(Path::of))
                .or(() -> Files.exists(Path.of(ConfigLoader.DEFAULT_CONFIG_PATH))
                        ? Optional.of(Path.of(ConfigLoader.DEFAULT_CONFIG_PATH)) : Optional.empty());
        LoadedConfig loaded = configPath.isPresent()
                ? loader.loadWithOverrides(configPath.get(), overrides)
                : loader.loadWithoutFile(overrides);
        config = loaded.config();
        PeregrineConfig.Logging logging = config.logging();
        stderrLog.configure(logging.level(), logging.stderr(), config.timeFormatIso8601());
        logThreshold = logging.level();
        if (logging.syslog() && !cli.informational()) {
            syslogLog = new SyslogLog(config.platform().syslogSocket(), Instant::now, zone);
        }
        if (!cli.legacyRuleSelections().isEmpty() && !config.rules().isEmpty()) {
            throw new UsageException("Specifying -D, -t, -T command line options together with \"rules:\" "
                    + "configuration or -o \"rules...\" is not supported.");
        }
        log.info("Peregrine version: " + VersionInfo.PEREGRINE_VERSION);
        for (ConfigMessage message : loaded.messages()) {
            log.log(LogLevel.parse(message.level()).orElse(LogLevel.INFO), message.text());
        }
        for (String warning : cli.warnings()) {
            log.warning(warning);
        }
        hostname = Hostname.resolve(environment);
        return OptionalInt.empty();
    }

    private OptionalInt printVersion() {
        if (!cli.version()) {
            return OptionalInt.empty();
        }
        out.print(config.json().enabled() ? VersionInfo.json(Map.of()) + "\n" : VersionInfo.text());
        out.flush();
        return OptionalInt.of(0);
    }

    private OptionalInt printPageSize() {
        if (!cli.pageSize()) {
            return OptionalInt.empty();
        }
        out.println("Your system page size is: " + PageSize.bytes() + " bytes");
        return OptionalInt.of(0);
    }

    private OptionalInt requireConfigFile() {
        if (configPath.isEmpty() && !cli.informational()) {
            throw new ConfigException("You must create a config file at " + ConfigLoader.DEFAULT_CONFIG_PATH
                    + " or by passing -c");
        }
        return OptionalInt.empty();
    }

    /**
     * {@code platform.plugins_dir}, or when the configuration does not set it (an upstream
     * falco.yaml) the installation's own {@code plugins/} (the launcher passes {@code peregrine.home}),
     * else Falco's {@code /usr/share/falco/plugins}.
     */
    private Path pluginsDir() {
        String configured = config.platform().pluginsDir();
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        String home = properties.getProperty("peregrine.home", "");
        return home.isEmpty() ? Path.of("/usr/share/falco/plugins") : Path.of(home, "plugins");
    }

    private OptionalInt loadPlugins() throws PluginLoadException {
        boolean replay = config.engine().kind() == PeregrineConfig.EngineKind.REPLAY;
        Set<String> enable = replay ? Set.of() : new LinkedHashSet<>(cli.enableSources());
        Set<String> disable = replay ? Set.of() : new LinkedHashSet<>(cli.disableSources());
        String driverParams = SyscallDriverParams.of(config.engine());
        host = new PluginHost(plugins.apply(pluginsDir()),
                new HostOptions(enable, disable, hostname, this::pluginLog, driverParams));
        List<PluginConfig> configs = new ArrayList<>();
        for (PeregrineConfig.Plugin p : config.plugins().selected()) {
            String openParams = p.openParams();
            if (p.name().equals(PluginHost.SYSCALL) && openParams.isEmpty()) {
                openParams = driverParams;
            }
            configs.add(new PluginConfig(p.name(), p.libraryPath(), p.initConfig(), openParams));
        }
        if (replay && configs.stream().noneMatch(c -> c.name().equals(PluginHost.SYSCALL))) {
            // Replay reads the capture through the syscall plugin, which must be installed.
            configs.add(0, new PluginConfig(PluginHost.SYSCALL, "libsyscall.so", "", driverParams));
        }
        host.register(configs);
        PeregrineConfig.EngineKind kind = config.engine().kind();
        boolean driverKind = kind != PeregrineConfig.EngineKind.REPLAY && kind != PeregrineConfig.EngineKind.NODRIVER;
        boolean syscallInstalled = host.all().stream().anyMatch(p -> p.name().equals(PluginHost.SYSCALL)
                || PluginHost.SYSCALL.equals(p.info().eventSource()));
        if (driverKind && !syscallInstalled && (enable.isEmpty() || enable.contains(PluginHost.SYSCALL))
                && !disable.contains(PluginHost.SYSCALL)) {
            log.warning("engine.kind '" + kind.configName() + "' needs a syscall capture plugin, and none is "
                    + "installed; running as 'nodriver'");
        }
        if (cli.listPlugins()) {
            out.print(host.listPlugins());
            out.flush();
            return OptionalInt.of(0);
        }
        if (cli.pluginInfo().isPresent()) {
            out.print(host.pluginInfo(cli.pluginInfo().get()));
            out.flush();
            return OptionalInt.of(0);
        }
        return OptionalInt.empty();
    }

    private void pluginLog(PluginLogger.Level level, String message) {
        LogLevel mapped = switch (level) {
            case ERROR -> LogLevel.ERROR;
            case WARNING -> LogLevel.WARNING;
            case NOTICE -> LogLevel.NOTICE;
            case INFO -> LogLevel.INFO;
            case DEBUG, TRACE -> LogLevel.DEBUG;
        };
        log.log(mapped, message);
    }

    private OptionalInt initSources() throws PluginLoadException {
        host.initialise();
        if (cli.listFields().isPresent()) {
            String source = cli.listFields().get();
            out.print(host.listFields(source.isEmpty() ? null : source, cli.verbose(), cli.listFieldNamesOnly()));
            out.flush();
            return OptionalInt.of(0);
        }
        if (cli.describeIgnoredEvents()) {
            throw new UsageException("-i is not available: the syscall plugin does not report the events it ignores "
                    + "by default");
        }
        if (cli.listEvents()) {
            var catalog = host.catalogs().get(PluginHost.SYSCALL);
            if (catalog == null || catalog.eventTypes().isEmpty()) {
                throw new ConfigException("The syscall source is not loaded, so there are no events to list");
            }
            for (String name : new TreeSet<>(catalog.eventTypes().get().names())) {
                out.println(name);
            }
            return OptionalInt.of(0);
        }
        return OptionalInt.empty();
    }

    private List<AppendOutput> engineAppendOutputs() {
        return AppendOutputs.forEngine(config, host.catalogs());
    }

    private OptionalInt validateRulesFiles() throws IOException, PluginLoadException {
        if (cli.validateFiles().isEmpty()) {
            return OptionalInt.empty();
        }
        new RulesValidation(log, out, config.json().enabled()).validate(cli.validateFiles(),
                new RulesLoader(host.catalogs(), engineAppendOutputs()), this::checkPluginRequirements);
        return OptionalInt.of(0);
    }

    private void checkPluginRequirements(RulesLoader loader) throws PluginLoadException {
        host.checkRequirements(loader.pluginRequirements());
    }

    /**
     * The rules entries to load: {@code -r} paths replace the configured list, as in Falco, where
     * they never pass through the configuration (so a config's {@code rules_file} does not clash).
     */
    private List<String> rulesEntries() {
        return cli.rulesFiles().isEmpty() ? config.rulesFiles() : cli.rulesFiles();
    }

    private OptionalInt loadRules() throws PluginLoadException {
        List<String> entries = rulesEntries();
        rulesFiles.addAll(RulesFiles.expand(entries));
        rules = new RulesLoader(host.catalogs(), engineAppendOutputs());
        log.debug("Configured rules filenames:");
        entries.forEach(e -> log.debug("   " + e));
        String error = null;
        for (Path file : rulesFiles) {
            log.info("Loading rules from file " + file);
            LoadResult result = rules.load(file.toString(), RulesFiles.read(file));
            if (!result.successful()) {
                error = result.verboseText();
                break;
            }
            if (cli.verbose() && result.hasWarnings()) {
                err.println(result.verboseText());
            }
        }
        // An unmet plugin requirement explains the load errors it causes, so it is reported first.
        checkPluginRequirements(rules);
        if (error != null) {
            throw new ConfigException(error);
        }
        ruleset = rules.ruleset();
        List<RuleSelection> selections = cli.legacyRuleSelections().isEmpty() ? config.rules()
                : cli.legacyRuleSelections();
        for (RuleSelection s : selections) {
            if (s.rule() != null) {
                log.info((s.enable() ? "Enabling" : "Disabling") + " rules with name: " + s.rule());
                ruleset.enableByName(s.rule(), s.enable());
            }
            if (s.tag() != null) {
                log.info((s.enable() ? "Enabling" : "Disabling") + " rules with tag: " + s.tag());
                ruleset.enableByTag(s.tag(), s.enable());
            }
        }
        ruleset.setMinimumPriority(config.minimumPriority());
        ruleset.setMatching(config.ruleMatching() == PeregrineConfig.RuleMatching.ALL
                ? RuleMatching.ALL : RuleMatching.FIRST);
        if (cli.listRules() || cli.listRule().isPresent()) {
            out.print(RuleListing.render(ruleset, cli.listRule(), config.json().enabled()));
            out.flush();
            return OptionalInt.of(0);
        }
        return OptionalInt.empty();
    }

    private OptionalInt printSupport() throws IOException {
        if (!cli.support()) {
            return OptionalInt.empty();
        }
        out.println(SupportBundle.json(cli.args(), configPath, rulesFiles, hostname));
        return OptionalInt.of(0);
    }

    private OptionalInt startOutputs() {
        PeregrineConfig.Outputs o = config.outputs();
        if (!o.stdout() && !o.syslog() && !o.file().enabled() && !o.program().enabled() && !o.http().enabled()) {
            throw new ConfigException(
                    "No output configured, please make sure at least one output is configured and enabled.");
        }
        if (environment.apply("FALCO_HOSTNAME") != null && !environment.apply("FALCO_HOSTNAME").isEmpty()) {
            log.info("Hostname value has been overridden via environment variable to: " + hostname);
        }
        boolean buffered = config.bufferedOutputs() && !cli.unbuffered();
        queue = new OutputQueue(OutputChannels.create(config, buffered, out, log, zone),
                new AlertFormatter(AlertFormatter.Options.of(config), zone), config.outputsQueueCapacity(),
                config.outputTimeoutMillis(), log);
        queue.start();
        return OptionalInt.empty();
    }

    private OptionalInt writePidfile() {
        if (cli.pidfile().isEmpty()) {
            return OptionalInt.empty();
        }
        String path = cli.pidfile().get();
        try {
            Files.writeString(Path.of(path), Long.toString(ProcessHandle.current().pid()));
            return OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            log.error("Could not write pid to pidfile " + path + ". Exiting.");
            return OptionalInt.of(255);
        }
    }

    private OptionalInt installSignals() {
        if (!handleSignals) {
            return OptionalInt.empty();
        }
        Signals.install(log, () -> {
            shutdownRequested = true;
            if (runner != null) {
                runner.stop();
            }
        }, () -> queue.reopen(), () -> {
            if (reloadWatcher != null) {
                reloadWatcher.request();
            }
        });
        return OptionalInt.empty();
    }

    /** The host's source bindings; with {@code engine.kind: nodriver} the syscall source has no driver. */
    private List<SourceBinding> sourceBindings() {
        if (config.engine().kind() != PeregrineConfig.EngineKind.NODRIVER) {
            List<SourceBinding> bindings = new ArrayList<>();
            for (SourceBinding b : host.sourceBindings()) {
                bindings.add(!b.source().equals(PluginHost.SYSCALL) ? b : new SourceBinding(b.source(), b.pluginName(),
                        b.pluginId(), b.instance(), SyscallDriverParams.withSelection(b.openParams(),
                        syscallRuleCodes(), config.raw().get("base_syscalls"))));
            }
            return bindings;
        }
        List<SourceBinding> bindings = new ArrayList<>();
        for (SourceBinding binding : host.sourceBindings()) {
            bindings.add(binding.source().equals(PluginHost.SYSCALL) ? NoDriver.binding(PluginHost.SYSCALL) : binding);
        }
        return bindings;
    }

    /** Event codes the enabled syscall rules can match, or null when one of them matches every event. */
    private java.util.BitSet syscallRuleCodes() {
        java.util.BitSet codes = new java.util.BitSet();
        for (CompiledRule rule : ruleset.runOrder(PluginHost.SYSCALL)) {
            if (rule.eventCodes() == null) {
                return null;
            }
            codes.or(rule.eventCodes());
        }
        return codes;
    }

    private OptionalInt startSources() throws PluginLoadException {
        pipeline = new AlertPipeline(ruleset, queue, summary, hostname, config.timeFormatIso8601(),
                cli.durationSeconds(), () -> runner.stop());
        if (host.enabledSources().contains(PluginHost.SYSCALL)) {
            dropMonitor = new DropMonitor(config.drops(),
                    config.engine().kind() == PeregrineConfig.EngineKind.MODERN_EBPF, this::syscallDrops, log,
                    queue::push, hostname);
            dropMonitor.countersFrom(() -> runner == null ? Map.of() : runner.driverCounters(PluginHost.SYSCALL));
            pipeline.monitorDrops(dropMonitor, this::syscallEvents);
        }
        runner = new SourceRunner(sourceBindings(), pipeline, this::pluginLog);
        reloadWatcher = new ReloadWatcher(this::tryRestart, log);
        if (config.watchConfigFiles()) {
            List<Path> watchedFiles = new ArrayList<>();
            config.configFiles().forEach(f -> watchedFiles.add(Path.of(f)));
            watchedFiles.addAll(rulesFiles);
            List<Path> watchedDirectories = new ArrayList<>();
            rulesEntries().forEach(f -> watchedDirectories.add(Path.of(f)));
            reloadWatcher.watch(watchedFiles, watchedDirectories);
        }
        sourcesStartedNanos = System.nanoTime();
        runner.start();
        if (shutdownRequested) {
            // SIGINT/SIGTERM arrived while starting up
            runner.stop();
        }
        return OptionalInt.empty();
    }

    /**
     * Validates the current files with a complete dry-run start using the same arguments; on success the
     * sources stop and {@link #run} starts afresh, on failure an internal alert reports why.
     */
    private void tryRestart() {
        String[] dryRun = java.util.Arrays.copyOf(cli.args().toArray(new String[0]), cli.args().size() + 1);
        dryRun[dryRun.length - 1] = "--dry-run";
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        PrintStream discard = new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        int code = new Main(discard, new PrintStream(errors, true, StandardCharsets.UTF_8), environment, properties,
                false, plugins).runOnce(dryRun);
        if (code != 0) {
            String why = errors.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Error: "))
                    .reduce((first, second) -> second).map(l -> l.substring("Error: ".length()))
                    .orElse("exit code " + code);
            String rule = "Falco internal: hot restart failure";
            queue.push(dev.peregrine.platform.output.Alert.internal(nowNanos(),
                    Priority.CRITICAL, rule, rule + ": " + why, Map.of(), hostname));
            return;
        }
        log.info("SIGHUP received, restarting...");
        restartRequested = true;
        runner.stop();
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Events of the syscall source so far, all partitions together. */
    private long syscallEvents() {
        var stats = runner == null ? null : runner.stats().get(PluginHost.SYSCALL);
        return stats == null ? 0 : stats.events().get();
    }

    private long syscallDrops() {
        var stats = runner == null ? null : runner.stats().get(PluginHost.SYSCALL);
        return stats == null ? 0 : stats.drops().get() + runner.driverDrops(PluginHost.SYSCALL);
    }

    private OptionalInt awaitSources() throws InterruptedException {
        sourceFailure = runner.awaitTermination().or(pipeline::failure);
        if (config.engine().kind() == PeregrineConfig.EngineKind.REPLAY && cli.durationSeconds() > 0
                && sourceFailure.isEmpty() && !pipeline.durationReached() && !restartRequested) {
            // Falco's capture mode keeps running for -M seconds after the end of the file.
            Thread.sleep(cli.durationSeconds() * 1000);
        }
        if (pipeline.failure().isPresent()) {
            log.info(SourceRunner.FAILURE_NOTICE);
        }
        return OptionalInt.empty();
    }

    private OptionalInt drainOutputs() {
        queue.stop();
        return OptionalInt.empty();
    }

    private OptionalInt printSummary() {
        if (restartRequested) {
            return OptionalInt.of(0);
        }
        List<String> order = new ArrayList<>();
        for (CompiledRule rule : ruleset.rules()) {
            order.add(rule.name());
        }
        summary.print(out, order);
        host.pluginCatalogs().values().forEach(catalog ->
                catalog.extractionFailures().forEach(failure -> log.warning(failure.describe())));
        if (dropMonitor != null) {
            dropMonitor.printStats(err);
        }
        if (cli.verbose()) {
            printVerboseStats();
        }
        if (sourceFailure.isPresent()) {
            err.println("Error: " + sourceFailure.get());
            return OptionalInt.of(1);
        }
        return OptionalInt.of(0);
    }

    /** {@code -v}: per-source event counts, drops and rate over the wall-clock run time. */
    private void printVerboseStats() {
        double elapsed = (System.nanoTime() - sourcesStartedNanos) / 1e9;
        Map<String, dev.peregrine.platform.source.SourceStats> all = runner.stats();
        StringBuilder text = new StringBuilder();
        for (var entry : all.entrySet()) {
            long events = entry.getValue().events().get();
            if (entry.getKey().equals(PluginHost.SYSCALL)) {
                text.append("Driver Events:").append(events).append('\n');
                text.append("Driver Drops:").append(entry.getValue().drops().get()
                        + runner.driverDrops(PluginHost.SYSCALL)).append('\n');
            }
            String prefix = all.size() > 1 ? "(" + entry.getKey() + ") " : "";
            text.append(prefix).append(String.format(java.util.Locale.ROOT,
                    "Elapsed time: %.3f, Captured Events: %d, %.2f eps%n", elapsed, events,
                    elapsed > 0 ? events / elapsed : 0.0));
        }
        err.print(text);
        err.flush();
    }

    private void teardown() {
        if (reloadWatcher != null) {
            reloadWatcher.close();
        }
        if (runner != null) {
            runner.stop();
        }
        if (host != null) {
            host.close();
        }
        out.flush();
        err.flush();
    }
}
