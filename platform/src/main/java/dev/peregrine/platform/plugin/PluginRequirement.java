package dev.peregrine.platform.plugin;

/** One {@code {name, version}} entry of a rules file's {@code required_plugin_versions}. */
public record PluginRequirement(String name, String version) {
}
