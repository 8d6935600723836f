package dev.peregrine.plugin.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** The packaged plugin jar loads through PF4J, reads a log file and extracts with its shaded Jackson. */
class CloudTrailPluginJarIT {

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
            assertNotNull(jar.getEntry("dev/peregrine/plugin/cloudtrail/shaded/jackson/core/JsonFactory.class"));
            assertNull(jar.getEntry("com/fasterxml/jackson/core/JsonFactory.class"));
            assertNull(jar.getEntry("dev/peregrine/api/FalcoPlugin.class"));
            assertNull(jar.getEntry("org/pf4j/Plugin.class"));
            assertEquals("cloudtrail", jar.getManifest().getMainAttributes().getValue("Plugin-Id"));
            assertEquals("0.17.1", jar.getManifest().getMainAttributes().getValue("Plugin-Version"));
        }
    }

    @Test
    void jarPluginManagerStartsThePluginWhichReadsAndExtracts() throws Exception {
        Files.copy(pluginJar(), pluginsRoot.resolve("cloudtrail-plugin.jar"));
        Files.writeString(logs.resolve("trail.json"), "{\"Records\":[{\"eventTime\":\"2014-03-06T21:22:54Z\","
                + "\"eventType\":\"AwsApiCall\",\"eventName\":\"StartInstances\"}]}");
        PluginManager manager = new JarPluginManager(pluginsRoot);
        try {
            manager.loadPlugins();
            manager.startPlugins();
            assertEquals(PluginState.STARTED, manager.getPlugin("cloudtrail").getPluginState());
            List<FalcoPlugin> extensions = manager.getExtensions(FalcoPlugin.class, "cloudtrail");
            assertEquals(1, extensions.size());
            FalcoPlugin plugin = extensions.getFirst();
            assertEquals("aws_cloudtrail", plugin.info().eventSource());
            assertFalse(plugin.getClass().getClassLoader() == getClass().getClassLoader());

            PluginInstance instance = plugin.init(null, "{}");
            EventStream stream = instance.open(logs.toString());
            RecordingBatch batch = new RecordingBatch(128);
            assertEquals(BatchStatus.EOF, stream.nextBatch(batch));
            assertEquals(1, batch.events.size());

            FieldSpec name = plugin.fields().stream().filter(f -> f.name().equals("ct.name")).findFirst().orElseThrow();
            FieldHandle handle = instance.bindField(name, FieldArgument.none());
            RecordingValueSink sink = new RecordingValueSink();
            assertTrue(handle.extract(new TestEvent(1, 0, TestEvent.PLUGIN_EVENT_TYPE, batch.events.getFirst().payload()), sink));
            assertEquals(List.of("StartInstances"), sink.values);
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }

    @Test
    void thePluginLoadedThroughPf4jReadsFromARealS3Server() throws Exception {
        Files.copy(pluginJar(), pluginsRoot.resolve("cloudtrail-plugin.jar"));
        PluginManager manager = new JarPluginManager(pluginsRoot);
        try (LocalAws aws = new LocalAws(); software.amazon.awssdk.services.s3.S3Client seed = aws.s3()) {
            seed.createBucket(b -> b.bucket("jar-it"));
            seed.putObject(b -> b.bucket("jar-it").key("t/x.json"), software.amazon.awssdk.core.sync.RequestBody.fromString(
                    "{\"Records\":[{\"eventTime\":\"2014-03-06T21:22:54Z\",\"eventType\":\"AwsApiCall\",\"eventID\":\"s3\"}]}"));
            manager.loadPlugins();
            manager.startPlugins();
            FalcoPlugin plugin = manager.getExtensions(FalcoPlugin.class, "cloudtrail").getFirst();
            PluginInstance instance = plugin.init(null, aws.initConfig(logs, ""));
            try (EventStream stream = instance.open("s3://jar-it/t/")) {
                RecordingBatch batch = new RecordingBatch(128);
                assertEquals(BatchStatus.EOF, stream.nextBatch(batch));
                assertEquals(List.of("{\"eventTime\":\"2014-03-06T21:22:54Z\",\"eventType\":\"AwsApiCall\",\"eventID\":\"s3\"}"),
                        batch.texts());
            }
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }
}
