package dev.peregrine.platform.plugin;

import java.util.List;

/**
 * One {@code required_plugin_versions} entry: the primary requirement first, then its alternatives.
 * Satisfied when the first member whose plugin is loaded has a compatible version.
 */
public record RequiredPluginGroup(List<PluginRequirement> alternatives) {
    public RequiredPluginGroup {
        alternatives = List.copyOf(alternatives);
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("a plugin requirement group needs at least one member");
        }
    }
}
