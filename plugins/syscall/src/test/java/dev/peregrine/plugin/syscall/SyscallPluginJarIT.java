package dev.peregrine.plugin.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.FalcoPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * The packaged syscall jar loads through PF4J (no Plugin-Class: PF4J 3.13 uses org.pf4j.Plugin)
 * and offers both extensions, with their tables read from the jar's own resources.
 */
class SyscallPluginJarIT {

    @TempDir
    Path pluginsRoot;

    @Test
    void jarPluginManagerFindsTheSyscallAndContainerExtensions() throws Exception {
        String jar = System.getProperty("plugin.jar");
        assertNotNull(jar, "system property plugin.jar is not set (run through failsafe)");
        Path path = Path.of(jar);
        assertTrue(Files.isRegularFile(path), "plugin jar not built: " + path);
        try (JarFile file = new JarFile(path.toFile())) {
            assertEquals("syscall", file.getManifest().getMainAttributes().getValue("Plugin-Id"));
            assertEquals("0.1.0", file.getManifest().getMainAttributes().getValue("Plugin-Version"));
            assertNull(file.getEntry("dev/peregrine/api/FalcoPlugin.class"));
        }
        Files.copy(path, pluginsRoot.resolve("syscall-plugin.jar"));
        PluginManager manager = new JarPluginManager(pluginsRoot);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            assertEquals(PluginState.STARTED, manager.getPlugin("syscall").getPluginState());
            List<FalcoPlugin> extensions = manager.getExtensions(FalcoPlugin.class, "syscall");
            Map<String, FalcoPlugin> byName = extensions.stream()
                    .collect(Collectors.toMap(p -> p.info().name(), Function.identity()));
            assertEquals(2, byName.size());
            assertEquals(454, byName.get("syscall").eventTypes().orElseThrow().codeCount());
            assertEquals(226, byName.get("syscall").fields().size());
            assertEquals(39, byName.get("container").fields().size());
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }
}
