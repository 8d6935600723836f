package dev.peregrine.platform.boot;

import dev.peregrine.api.HostApi;
import dev.peregrine.platform.output.JsonText;
import java.util.Map;
import java.util.TreeMap;

/**
 * Our version numbers, printed by {@code --version} (text, or the JSON object {@code /versions} serves).
 * The driver versions are those of the event format Peregrine's own probe writes and its decoder reads
 * (the bundled event table: driver API 10.1.0, schema 4.5.1); the probe itself ships with Peregrine and
 * carries its version. Peregrine does not use falcosecurity/libs, so the libs version is {@code 0.0.0}.
 */
public final class VersionInfo {

    /** The Peregrine release. */
    public static final String PEREGRINE_VERSION = "0.1.0";
    /** The rules engine version we implement (rule files check {@code required_engine_version}). */
    public static final String ENGINE_VERSION = "0.63.0";
    /** Driver API version of the event format (the kernel-module device contract). */
    public static final String DRIVER_API_VERSION = "10.1.0";
    /** Schema version of the event format (event-table.json). */
    public static final String DRIVER_SCHEMA_VERSION = "4.5.1";
    /** Peregrine's probe is built with Peregrine. */
    public static final String DEFAULT_DRIVER_VERSION = PEREGRINE_VERSION;
    /** No falcosecurity/libs inside. */
    public static final String NO_LIBS = "0.0.0";

    private VersionInfo() {
    }

    /** The {@code --version} text. */
    public static String text() {
        return "Peregrine version: " + PEREGRINE_VERSION + "\n"
                + "Libs version:  " + NO_LIBS + "\n"
                + "Plugin API:    " + HostApi.VERSION + "\n"
                + "Engine:        " + ENGINE_VERSION + "\n"
                + "Driver:\n"
                + "  API version:    " + DRIVER_API_VERSION + "\n"
                + "  Schema version: " + DRIVER_SCHEMA_VERSION + "\n"
                + "  Default driver: " + DEFAULT_DRIVER_VERSION + "\n";
    }

    /** The JSON object (sorted keys); {@code plugin_versions} only when plugins are loaded. */
    public static String json(Map<String, String> pluginVersions) {
        Map<String, Object> out = new TreeMap<>();
        out.put("default_driver_version", DEFAULT_DRIVER_VERSION);
        out.put("driver_api_version", DRIVER_API_VERSION);
        out.put("driver_schema_version", DRIVER_SCHEMA_VERSION);
        out.put("engine_version", ENGINE_VERSION.split("\\.")[1]);
        out.put("engine_version_semver", ENGINE_VERSION);
        out.put("falco_version", PEREGRINE_VERSION);
        out.put("libs_version", NO_LIBS);
        out.put("plugin_api_version", HostApi.VERSION);
        if (!pluginVersions.isEmpty()) {
            out.put("plugin_versions", new TreeMap<>(pluginVersions));
        }
        StringBuilder text = new StringBuilder();
        JsonText.value(text, out);
        return text.toString();
    }
}
