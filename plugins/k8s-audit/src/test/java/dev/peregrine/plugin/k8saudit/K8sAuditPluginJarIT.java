package dev.peregrine.plugin.k8saudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.api.testing.RecordingBatch;
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

/** The packaged plugin jar loads through PF4J, replays an audit log and extracts with its shaded Jackson. */
class K8sAuditPluginJarIT {

    @TempDir
    Path pluginsRoot;

    @TempDir
    Path logs;

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
            assertNotNull(jar.getEntry("dev/peregrine/plugin/k8saudit/shaded/jackson/core/JsonFactory.class"));
            assertNull(jar.getEntry("com/fasterxml/jackson/core/JsonFactory.class"));
            assertNull(jar.getEntry("dev/peregrine/api/FalcoPlugin.class"));
            assertEquals("k8saudit", jar.getManifest().getMainAttributes().getValue("Plugin-Id"));
            assertEquals("0.18.0", jar.getManifest().getMainAttributes().getValue("Plugin-Version"));
        }
    }

    @Test
    void jarPluginManagerStartsThePluginWhichReplaysAndExtracts() throws Exception {
        Files.copy(pluginJar(), pluginsRoot.resolve("k8saudit-plugin.jar"));
        Path log = Files.writeString(logs.resolve("audit.log"),
                "{\"kind\":\"Event\",\"auditID\":\"a\",\"verb\":\"create\",\"stageTimestamp\":\"2018-10-25T14:09:12Z\"}\n");
        PluginManager manager = new JarPluginManager(pluginsRoot);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            assertEquals(PluginState.STARTED, manager.getPlugin("k8saudit").getPluginState());
            FalcoPlugin plugin = manager.getExtensions(FalcoPlugin.class, "k8saudit").getFirst();
            assertEquals("k8s_audit", plugin.info().eventSource());
            PluginInstance instance = plugin.init(null, "{}");
            RecordingBatch batch = new RecordingBatch(128);
            try (EventStream stream = instance.open(log.toString())) {
                assertEquals(BatchStatus.SUCCESS, stream.nextBatch(batch));
            }
            assertEquals(1, batch.events.size());
            FieldSpec verb = plugin.fields().stream().filter(f -> f.name().equals("ka.verb")).findFirst().orElseThrow();
            FieldHandle handle = instance.bindField(verb, FieldArgument.none());
            RecordingValueSink sink = new RecordingValueSink();
            assertTrue(handle.extract(new TestEvent(1, 0, TestEvent.PLUGIN_EVENT_TYPE, batch.events.getFirst().payload()), sink));
            assertEquals(List.of("create"), sink.values);
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }
}
