package dev.peregrine.platform.boot;

import dev.peregrine.platform.plugin.PluginRequirement;
import dev.peregrine.platform.plugin.RequiredPluginGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the rules loader's {@code required_plugin_versions} groups into the plugin host's type: the two
 * packages were written in parallel and each defined the same record.
 */
final class RequirementBridge {

    private RequirementBridge() {
    }

    static RequiredPluginGroup toHost(dev.peregrine.platform.rules.collect.RequiredPluginGroup group) {
        List<PluginRequirement> alternatives = new ArrayList<>();
        for (var requirement : group.alternatives()) {
            alternatives.add(new PluginRequirement(requirement.name(), requirement.version()));
        }
        return new RequiredPluginGroup(alternatives);
    }
}
