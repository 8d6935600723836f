package dev.peregrine.platform.rules.collect;

import dev.peregrine.platform.rules.result.Context;
import java.util.List;

/**
 * One {@code required_plugin_versions} entry: the primary requirement first, then its
 * alternatives; any one of them satisfies the group.
 */
public record RequiredPluginGroup(List<PluginRequirement> alternatives, Context context) {
    public RequiredPluginGroup {
        alternatives = List.copyOf(alternatives);
        if (alternatives.isEmpty()) {
            throw new IllegalArgumentException("a plugin requirement group needs at least one member");
        }
    }

    /** A group stated outside any rules file (tests, configuration). */
    public RequiredPluginGroup(List<PluginRequirement> alternatives) {
        this(alternatives, Context.file(""));
    }
}
