package dev.peregrine.platform.config;

import java.util.List;

/**
 * The result of loading falco.yaml: the typed configuration and the log lines produced on the way
 * (schema validation status, deprecation warnings), to be printed once logging is configured.
 */
public record LoadedConfig(PeregrineConfig config, List<ConfigMessage> messages) {
    public LoadedConfig {
        messages = List.copyOf(messages);
    }
}
