package dev.peregrine.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peregrine.platform.field.FieldCatalog;
import dev.peregrine.platform.plugin.HostOptions;
import dev.peregrine.platform.plugin.PluginConfig;
import dev.peregrine.platform.plugin.PluginHost;
import dev.peregrine.platform.rules.collect.PluginRequirement;
import dev.peregrine.platform.rules.collect.RequiredPluginGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real syscall (+ container) and json plugin jars of the distribution, loaded through the host
 * with upstream-style {@code libNAME.so} library paths. Runs after the distribution is laid out.
 */
class BundledPluginsTest {

    @TempDir
    Path pluginsDir;

    private static Optional<Path> built(String plugin) {
        Path root = Checkout.root();
        Path jar = root.resolve("distribution/target/peregrine/plugins/" + plugin + ".jar");
        return Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
    }

    @Test
    void syscallIsBuiltInAndUpstreamSoNamesMapToBundledJars() throws Exception {
        Optional<Path> syscall = built("syscall");
        Optional<Path> json = built("json");
        assumeTrue(syscall.isPresent() && json.isPresent(), "SKIPPED: the distribution is not built (no plugins/syscall.jar, json.jar)");
        Files.copy(syscall.get(), pluginsDir.resolve("syscall.jar"));
        Files.copy(json.get(), pluginsDir.resolve("json.jar"));
        try (PluginHost host = PluginHost.forDirectory(pluginsDir, HostOptions.defaults())) {
            host.load(List.of(new PluginConfig("container", "/usr/share/falco/plugins/libcontainer.so", "", ""),
                    new PluginConfig("json", "libjson.so", "", "")));
            assertEquals(List.of("syscall"), host.enabledSources());
            FieldCatalog catalog = host.catalogs().get("syscall");
            assertTrue(catalog.knows("proc.name"));
            assertTrue(catalog.knows("container.id"));
            assertTrue(catalog.knows("json.value"));
            assertTrue(catalog.eventTypes().isPresent());
            assertEquals("proc.aname", catalog.resolve("proc.aname", "2").spec().name());
            host.checkRequirements(List.of(new RequiredPluginGroup(List.of(new PluginRequirement("container", "0.4.0")))));
            assertTrue(host.listPlugins().startsWith("2 Plugins Loaded:\n\nName: container\n"), host.listPlugins());
            assertTrue(host.listFields("syscall", false, true).contains("container.id\n"));
            String listing = host.listFields("syscall", false, false);
            assertTrue(listing.contains("Field Class:                  process\n"), listing);
            assertTrue(listing.contains("Field Class:                  container (plugin)\n"), listing);
        }
    }
}
