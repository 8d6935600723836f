package dev.peregrine.platform.boot;

import dev.peregrine.api.HostApi;
import dev.peregrine.platform.output.JsonText;
import java.util.Map;
import java.util.TreeMap;

/**
 * Our version numbers, printed by {@code --version} (text, or the JSON object {@code /versions} serves).
 * There is no kernel driver, so the driver versions are {@code 0.0.0}.
 */
public final class VersionInfo {

    /** The Peregrine release. */
    public static final String PEREGRINE_VERSION = "0.1.0";
    /** The rules engine version we implement (rule files check {@code required_engine_version}). */
    public static final String ENGINE_VERSION = "0.63.0";
    /** Driver fields: no driver. */
    public static final String NO_DRIVER = "0.0.0";

    private VersionInfo() {
    }

    /** The {@code --version} text. */
    public static String text() {
        return "Peregrine version: " + PEREGRINE_VERSION + "\n"
                + "Libs version:  " + NO_DRIVER + "\n"
                + "Plugin API:    " + HostApi.VERSION + "\n"
                + "Engine:        " + ENGINE_VERSION + "\n"
                + "Driver:\n"
                + "  API version:    " + NO_DRIVER + "\n"
                + "  Schema version: " + NO_DRIVER + "\n"
                + "  Default driver: " + NO_DRIVER + "\n";
    }

    /** The JSON object (sorted keys); {@code plugin_versions} only when plugins are loaded. */
    public static String json(Map<String, String> pluginVersions) {
        Map<String, Object> out = new TreeMap<>();
        out.put("default_driver_version", NO_DRIVER);
        out.put("driver_api_version", NO_DRIVER);
        out.put("driver_schema_version", NO_DRIVER);
        out.put("engine_version", ENGINE_VERSION.split("\\.")[1]);
        out.put("engine_version_semver", ENGINE_VERSION);
        out.put("falco_version", PEREGRINE_VERSION);
        out.put("libs_version", NO_DRIVER);
        out.put("plugin_api_version", HostApi.VERSION);
        if (!pluginVersions.isEmpty()) {
            out.put("plugin_versions", new TreeMap<>(pluginVersions));
        }
        StringBuilder text = new StringBuilder();
        JsonText.value(text, out);
        return text.toString();
    }
}
