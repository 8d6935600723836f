package dev.peregrine.plugin.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.Event;
import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.api.testing.RecordingValueSink;
import dev.peregrine.api.testing.TestEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * The packaged plugin jar loads through PF4J and extracts with its own (shaded) Jackson. The jar
 * names no {@code Plugin-Class}: PF4J 3.13's descriptor then defaults to {@code org.pf4j.Plugin},
 * which is concrete and has a no-argument constructor, so no lifecycle class is needed.
 */
class JsonPluginJarIT {

    @TempDir
    Path pluginsRoot;

    private Path pluginJar() {
        String jar = System.getProperty("plugin.jar");
        assertNotNull(jar, "system property plugin.jar is not set (run through failsafe)");
        Path path = Path.of(jar);
        assertTrue(Files.isRegularFile(path), "plugin jar not built: " + path);
        return path;
    }

    @Test
    void jarBundlesRelocatedJacksonButNotTheApiOrPf4j() throws Exception {
        try (JarFile jar = new JarFile(pluginJar().toFile())) {
            assertNotNull(jar.getEntry("dev/peregrine/plugin/json/shaded/jackson/core/JsonFactory.class"));
            assertEquals(null, jar.getEntry("com/fasterxml/jackson/core/JsonFactory.class"));
            assertEquals(null, jar.getEntry("dev/peregrine/api/FalcoPlugin.class"));
            assertEquals(null, jar.getEntry("org/pf4j/Plugin.class"));
            assertEquals("json", jar.getManifest().getMainAttributes().getValue("Plugin-Id"));
            assertEquals("0.7.4", jar.getManifest().getMainAttributes().getValue("Plugin-Version"));
            // No Plugin-Class: PF4J 3.13 then instantiates org.pf4j.Plugin itself.
            assertEquals(null, jar.getManifest().getMainAttributes().getValue("Plugin-Class"));
        }
    }

    @Test
    void jarPluginManagerStartsThePluginAndFindsTheExtension() throws Exception {
        Files.copy(pluginJar(), pluginsRoot.resolve("json-plugin.jar"));
        PluginManager manager = new JarPluginManager(pluginsRoot);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            assertEquals(PluginState.STARTED, manager.getPlugin("json").getPluginState());
            assertEquals(org.pf4j.Plugin.class, manager.getPlugin("json").getPlugin().getClass());
            List<FalcoPlugin> extensions = manager.getExtensions(FalcoPlugin.class, "json");
            assertEquals(1, extensions.size());
            FalcoPlugin plugin = extensions.getFirst();
            assertEquals("json", plugin.info().name());
            assertFalse(plugin.getClass().getClassLoader() == getClass().getClassLoader());

            PluginInstance instance = plugin.init(null, "");
            FieldHandle handle = instance.bindField(plugin.fields().getFirst(), FieldArgument.of("/a/0"));
            RecordingValueSink sink = new RecordingValueSink();
            Event event = TestEvent.plugin(1, "{\"a\":[\"loaded\"]}");
            assertTrue(handle.extract(event, sink));
            assertEquals(List.of("loaded"), sink.values);
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }
}
