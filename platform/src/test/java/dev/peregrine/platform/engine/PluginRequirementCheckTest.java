package dev.peregrine.platform.engine;

import static dev.peregrine.platform.rules.testing.Fixture.assertOk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.platform.rules.testing.Fixture;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Plugin requirement checks after loading (§1.4). */
class PluginRequirementCheckTest {

    private static RulesLoader loaded() {
        RulesLoader l = Fixture.loader();
        assertOk(l.load("p.yaml", "- required_plugin_versions:\n  - name: a\n    version: 1.0.0\n"
                + "    alternatives:\n      - name: b\n        version: 0.2.0\n"));
        return l;
    }

    @Test
    void firstLoadedAlternativeDecides() {
        RulesLoader l = loaded();
        assertEquals(Optional.empty(), PluginRequirementCheck.check(l.pluginRequirements(), Map.of("a", "1.2.0")));
        assertEquals(Optional.empty(), PluginRequirementCheck.check(l.pluginRequirements(), Map.of("b", "0.3.1")));
        assertEquals(Optional.of("Plugin 'a' version '2.0.0' is not compatible with required plugin version '1.0.0'"),
                PluginRequirementCheck.check(l.pluginRequirements(), Map.of("a", "2.0.0", "b", "0.3.0")));
        assertEquals(Optional.of("Plugin 'b' has invalid version string 'x'"),
                PluginRequirementCheck.check(l.pluginRequirements(), Map.of("b", "x")));
    }

    @Test
    void noLoadedAlternativeListsThemAll() {
        assertEquals(Optional.of("Plugin requirement not satisfied, must load one of: a (>= 1.0.0), b (>= 0.2.0)"),
                PluginRequirementCheck.check(loaded().pluginRequirements(), Map.of()));
    }
}
