package dev.peregrine.platform.engine;

import dev.peregrine.platform.rules.collect.PluginRequirement;
import dev.peregrine.platform.rules.collect.RequiredPluginGroup;
import dev.peregrine.platform.rules.collect.SemanticVersion;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks the {@code required_plugin_versions} of all loaded files against the loaded plugins
 * (§1.4): per group, the first alternative (primary first) that is loaded decides.
 */
public final class PluginRequirementCheck {

    private PluginRequirementCheck() {
    }

    /**
     * @param groups         the groups from {@link RulesLoader#pluginRequirements()}
     * @param loadedVersions loaded plugin name to its version string
     * @return Falco's message for the first unsatisfied group, or empty when all are satisfied
     */
    public static Optional<String> check(List<RequiredPluginGroup> groups, Map<String, String> loadedVersions) {
        for (RequiredPluginGroup group : groups) {
            Optional<String> problem = checkGroup(group, loadedVersions);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> checkGroup(RequiredPluginGroup group, Map<String, String> loaded) {
        for (PluginRequirement alternative : group.alternatives()) {
            String version = loaded.get(alternative.name());
            if (version == null) {
                continue;
            }
            Optional<SemanticVersion> have = SemanticVersion.parse(version);
            if (have.isEmpty()) {
                return Optional.of("Plugin '" + alternative.name() + "' has invalid version string '" + version + "'");
            }
            SemanticVersion required = SemanticVersion.parse(alternative.version()).orElseThrow();
            if (!have.get().compatibleWith(required)) {
                return Optional.of("Plugin '" + alternative.name() + "' version '" + version
                        + "' is not compatible with required plugin version '" + alternative.version() + "'");
            }
            return Optional.empty();
        }
        return Optional.of("Plugin requirement not satisfied, must load one of: "
                + group.alternatives().stream().map(PluginRequirement::toString).collect(Collectors.joining(", ")));
    }
}
