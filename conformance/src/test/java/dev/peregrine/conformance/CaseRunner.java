package dev.peregrine.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Turns a manifest case into a {@code ./peregrine} command line, as the manifest's README maps
 * Falco's options, and runs it in the corpus directory (paths in cases are relative to it).
 */
final class CaseRunner {

    /** The manifest's defaults, applied underneath any config file; case options win. */
    static final Map<String, String> MANIFEST_DEFAULTS = defaults();

    private static final long TIMEOUT_SECONDS = 120;

    private final Path launcher;
    private final Path compatDir;
    private final Path pluginsDir;
    private final Path fixturePluginsDir;

    CaseRunner(Path launcher, Path compatDir, Path pluginsDir, Path fixturePluginsDir) {
        this.launcher = launcher;
        this.compatDir = compatDir;
        this.pluginsDir = pluginsDir;
        this.fixturePluginsDir = fixturePluginsDir;
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("stdout_output.enabled", "true");
        d.put("json_output", "false");
        d.put("json_include_output_property", "true");
        d.put("json_include_tags_property", "true");
        d.put("priority", "debug");
        d.put("rule_matching", "first");
        d.put("log_stderr", "true");
        d.put("log_syslog", "false");
        d.put("log_level", "debug");
        d.put("time_format_iso_8601", "false");
        return d;
    }

    /** Where a plugin named in a case comes from, or why it cannot be provided. */
    record PluginSource(String libraryPath, String missingReason) {
    }

    PluginSource pluginSource(Map<String, Object> plugin, Path workDir) {
        String name = (String) plugin.get("name");
        Object fixture = plugin.get("fixture");
        if (fixture == null) {
            if (!Files.exists(pluginsDir.resolve(name + ".jar"))) {
                return new PluginSource(null, "plugin '" + name + "' is not part of the distribution yet");
            }
            return new PluginSource("lib" + name + ".so", null);
        }
        String description = fixture.toString();
        if (description.contains("does not exist")) {
            return new PluginSource(workDir.resolve("no-such-dir/lib" + name + ".so").toString(), null);
        }
        String base = name.replaceAll("_p\\d+$", "");
        Path jar = fixturePluginsDir.resolve(base + ".jar");
        if (!Files.exists(jar)) {
            jar = fixturePluginsDir.resolve(name + ".jar");
        }
        if (!Files.exists(jar)) {
            return new PluginSource(null, "fixture plugin jar for '" + name + "' not found in " + fixturePluginsDir);
        }
        return new PluginSource(jar.toString(), null);
    }

    Run run(ConformanceCase c, Path workDir) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        Map<String, String> overrides = new LinkedHashMap<>();

        String configFile = c.input("config_file");
        Set<String> configKeys;
        if (configFile != null) {
            Path config = compatDir.resolve(configFile);
            command.add("-c");
            command.add(config.toString());
            configKeys = topLevelKeys(config);
        } else {
            command.add("-c");
            command.add(writeBaseConfig(c, workDir).toString());
            configKeys = Set.of();
        }
        MANIFEST_DEFAULTS.forEach((key, value) -> {
            if (configKeys.stream().noneMatch(k -> key.equals(k) || key.startsWith(k + "."))) {
                overrides.put(key, value);
            }
        });
        overrides.put("platform.plugins_dir", pluginsDir.toString());

        String trace = c.input("trace_file");
        if (trace != null) {
            overrides.put("engine.kind", "replay");
            overrides.put("engine.replay.capture_file", compatDir.resolve(trace).toString());
        }
        if (Boolean.TRUE.equals(c.inputs().get("all_events"))) {
            overrides.put("base_syscalls.all", "true");
        }
        c.options().forEach((key, value) ->
                overrides.put(key, String.valueOf(value).replace("${WORKDIR}", workDir.toString())));
        if (c.kind().equals("validate")) {
            overrides.put("json_output", "true");
        }
        overrides.forEach((key, value) -> {
            command.add("-o");
            command.add(key + "=" + value);
        });
        for (Object selection : (List<?>) c.inputs().getOrDefault("rules_selection", List.of())) {
            Map<?, ?> entry = (Map<?, ?>) selection;
            entry.forEach((action, what) -> ((Map<?, ?>) what).forEach((kind, value) -> {
                command.add("-o");
                command.add("rules[]." + action + "." + kind + "=" + value);
            }));
        }
        for (String rules : c.inputList("rules_files")) {
            command.add("-r");
            command.add(compatDir.resolve(rules).toString());
        }
        for (String file : c.inputList("validate_files")) {
            command.add("-V");
            command.add(compatDir.resolve(file).toString());
        }
        if (trace == null && !c.kind().equals("validate")) {
            for (String source : c.inputList("enabled_sources")) {
                command.add("--enable-source");
                command.add(source);
            }
        }
        command.addAll(c.inputList("cli_args"));
        return execute(command, envOf(c), workDir);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> envOf(ConformanceCase c) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = c.inputs().get("env");
        if (raw instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        return env;
    }

    private Path writeBaseConfig(ConformanceCase c, Path workDir) {
        Map<String, Object> config = new LinkedHashMap<>();
        List<Map<String, Object>> plugins = new ArrayList<>();
        List<String> load = new ArrayList<>();
        if (c.plugins().isEmpty()) {
            // What Falco's packages ship (config.d): the container plugin, needed by the current
            // upstream syscall rules.
            plugins.add(Map.of("name", "container", "library_path", "libcontainer.so", "init_config", ""));
            load.add("container");
        }
        for (Map<String, Object> plugin : c.plugins()) {
            String name = (String) plugin.get("name");
            PluginSource source = pluginSource(plugin, workDir);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("library_path", source.libraryPath());
            entry.put("init_config", plugin.getOrDefault("init_config", ""));
            Object params = plugin.get("open_params");
            if (params != null) {
                String text = params.toString();
                entry.put("open_params", text.isEmpty() ? "" : compatDir.resolve(text).toString());
            }
            plugins.add(entry);
            load.add(name);
        }
        config.put("plugins", plugins);
        config.put("load_plugins", load);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path file = workDir.resolve("falco.yaml");
        try {
            Files.writeString(file, new Yaml(options).dump(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static Set<String> topLevelKeys(Path config) {
        try {
            Object loaded = new Yaml().load(Files.readString(config));
            if (loaded instanceof Map<?, ?> map) {
                Set<String> keys = new java.util.HashSet<>();
                map.forEach((k, v) -> {
                    keys.add(String.valueOf(k));
                    if (v instanceof Map<?, ?> inner) {
                        inner.keySet().forEach(ik -> keys.add(k + "." + ik));
                    }
                });
                return keys;
            }
            return Set.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Run execute(List<String> command, Map<String, String> env, Path workDir) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(compatDir.toFile());
        builder.environment().putAll(env);
        builder.environment().remove("PEREGRINE_REBUILD");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                return new Run(-1, out.join(), err.join() + "\n[conformance: killed after " + TIMEOUT_SECONDS + " s]",
                        String.join(" ", command));
            }
            return new Run(process.exitValue(), out.join(), err.join(), String.join(" ", command));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
