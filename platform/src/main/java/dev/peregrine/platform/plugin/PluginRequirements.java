package dev.peregrine.platform.plugin;

import dev.peregrine.platform.rules.collect.PluginRequirement;
import dev.peregrine.platform.rules.collect.RequiredPluginGroup;
import dev.peregrine.platform.version.SemanticVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Falco's check of rules' {@code required_plugin_versions} against the loaded plugins. */
final class PluginRequirements {

    private PluginRequirements() {
    }

    static void check(List<RequiredPluginGroup> groups, List<RegisteredPlugin> loaded) throws PluginLoadException {
        for (RequiredPluginGroup group : groups) {
            checkGroup(group, loaded);
        }
    }

    private static void checkGroup(RequiredPluginGroup group, List<RegisteredPlugin> loaded) throws PluginLoadException {
        for (PluginRequirement requirement : group.alternatives()) {
            Optional<RegisteredPlugin> plugin = loaded.stream()
                    .filter(p -> p.name().equals(requirement.name())).findFirst();
            if (plugin.isEmpty()) {
                continue;
            }
            SemanticVersion required = SemanticVersion.parse(requirement.version()).orElseThrow(() ->
                    new PluginLoadException("Plugin '" + requirement.name() + "' has invalid version string '"
                            + requirement.version() + "'"));
            SemanticVersion actual = plugin.get().version();
            if (!actual.compatibleWith(required)) {
                throw new PluginLoadException("Plugin '" + requirement.name() + "' version '" + actual
                        + "' is not compatible with required plugin version '" + requirement.version() + "'");
            }
            return;
        }
        List<String> options = new ArrayList<>();
        for (PluginRequirement requirement : group.alternatives()) {
            options.add(requirement.name() + " (>= " + requirement.version() + ")");
        }
        throw new PluginLoadException("Plugin requirement not satisfied, must load one of: " + String.join(", ", options));
    }
}
