package dev.peregrine.platform.plugin;

import dev.peregrine.api.PluginLogger;
import java.util.Set;

/**
 * How the host selects and serves sources.
 *
 * @param enabledSources  {@code --enable-source} values; empty means every loaded source
 * @param disabledSources {@code --disable-source} values
 * @param hostName        reported by {@code evt.hostname} and to plugins
 * @param log             where host and plugin log lines go
 */
public record HostOptions(Set<String> enabledSources, Set<String> disabledSources, String hostName, PluginLogger log,
                          String syscallOpenParams) {

    public HostOptions {
        enabledSources = Set.copyOf(enabledSources);
        disabledSources = Set.copyOf(disabledSources);
        hostName = hostName == null ? "" : hostName;
        log = log == null ? (level, message) -> { } : log;
        syscallOpenParams = syscallOpenParams == null ? "" : syscallOpenParams;
    }

    /** Options whose built-in syscall source opens with no parameters. */
    public HostOptions(Set<String> enabledSources, Set<String> disabledSources, String hostName, PluginLogger log) {
        this(enabledSources, disabledSources, hostName, log, "");
    }

    /** Every source enabled, logs discarded. */
    public static HostOptions defaults() {
        return new HostOptions(Set.of(), Set.of(), "", null);
    }

    /** Whether the built-in syscall source is wanted at all (its plugin is then not even loaded). */
    public boolean syscallWanted() {
        return !disabledSources.contains("syscall") && (enabledSources.isEmpty() || enabledSources.contains("syscall"));
    }
}
