package dev.peregrine.platform.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peregrine.api.Event;
import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.HostApi;
import dev.peregrine.api.testing.RecordingValueSink;
import dev.peregrine.platform.field.ResolvedField;
import dev.peregrine.platform.source.EventSink;
import dev.peregrine.platform.source.SourceRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The host against real PF4J jars: the fixture plugins built into target/test-plugins. */
class FixturePluginsTest {

    private static Path dir;

    @BeforeAll
    static void findFixtures() {
        dir = Path.of(System.getProperty("basedir", ".")).resolve("target/test-plugins").toAbsolutePath();
        assumeTrue(Files.isRegularFile(dir.resolve("test_source.jar")),
                "fixture plugin jars are built by the process-test-classes phase into " + dir);
    }

    private static PluginConfig jar(String name) {
        return new PluginConfig(name, dir.resolve(name + ".jar").toString(), "", "");
    }

    private static PluginHost host() {
        return PluginHost.forDirectory(dir, HostOptions.defaults());
    }

    @Test
    void pluginRequiringAFutureApiIsRefused() {
        try (PluginHost host = host()) {
            String message = assertThrows(PluginLoadException.class,
                    () -> host.load(List.of(jar("incompatible_plugin_api")))).getMessage();
            assertTrue(message.matches("plugin required API version '10000000.0.0' not compatible with the framework's API version '.*'.*"),
                    message);
            assertTrue(message.contains("'" + HostApi.VERSION + "'"));
        }
    }

    @Test
    void missingLibraryIsReportedLikeAFailedDlopen() {
        try (PluginHost host = host()) {
            PluginConfig wrong = new PluginConfig("wrong_plugin_path", "/nowhere/test/plugins/wrong_plugin_path.so", "", "");
            String message = assertThrows(PluginLoadException.class, () -> host.load(List.of(wrong))).getMessage();
            assertTrue(message.matches("cannot load plugin.*No such file or directory"), message);
            PluginConfig missingJar = new PluginConfig("x", "missing.jar", "", "");
            assertTrue(assertThrows(PluginLoadException.class, () -> host.register(List.of(missingJar))).getMessage()
                    .matches("cannot load plugin .*missing.jar.*No such file or directory"));
        }
    }

    @Test
    void existingNativeLibraryWithoutABundledPluginIsRefused() {
        try (PluginHost host = host()) {
            PluginConfig nativeLib = new PluginConfig("mystery", dir.resolve("test_source.jar").toString()
                    .replace("test_source.jar", "../fixture-classes"), "", "");
            String message = assertThrows(PluginLoadException.class, () -> host.register(List.of(nativeLib))).getMessage();
            assertTrue(message.endsWith("native plugin libraries cannot be loaded and no installed plugin is named 'mystery'"),
                    message);
        }
    }

    @Test
    void relativePathMayNotEscapeThePluginsDirectory() {
        try (PluginHost host = host()) {
            PluginConfig escaping = new PluginConfig("x", "../x.jar", "", "");
            assertEquals("plugin library_path '../x.jar' resolves outside the plugins directory (" + dir.normalize() + ")",
                    assertThrows(PluginLoadException.class, () -> host.register(List.of(escaping))).getMessage());
        }
    }

    @Test
    void upstreamSoNameMapsToTheBundledPluginOfThatName() throws Exception {
        try (PluginHost host = host()) {
            host.load(List.of(new PluginConfig("test_source", "BUILD_DIR/test/plugins/libtest_source.so", "", "2")));
            assertEquals("test_source", host.plugins().get(0).name());
            assertEquals(List.of("test_source"), host.enabledSources());
        }
    }

    @Test
    void overlappingFixtureExtractorsAreRefused() {
        try (PluginHost host = host()) {
            String message = assertThrows(PluginLoadException.class, () -> host.load(List.of(
                    jar("test_source"), jar("test_extract_p1"), jar("test_extract_p2")))).getMessage();
            assertEquals("Plugin 'test_extract_p2' supports extraction of field 'test.field' that is overlapping for source 'test_source'",
                    message);
        }
    }

    @Test
    void extractorForAnAbsentSourceIsUnused() {
        try (PluginHost host = host()) {
            String message = assertThrows(PluginLoadException.class,
                    () -> host.load(List.of(jar("test_extract_p1")))).getMessage();
            assertTrue(message.matches("Plugin '.*' is loaded but unused as not compatible with any known event source"),
                    message);
        }
    }

    @Test
    void pluginSeesItsOwnCopyOfAClassThePlatformAlsoHas() throws Exception {
        try (PluginHost host = host()) {
            host.load(List.of(jar("test_source"), jar("test_isolation")));
            ResolvedField origin = host.catalogs().get("test_source").resolve("isolation.yaml_origin", null);
            ResolvedField seesPlatform = host.catalogs().get("test_source").resolve("isolation.sees_platform", null);
            RecordingValueSink values = new RecordingValueSink();
            assertTrue(origin.handle().extract(null, values));
            assertTrue(seesPlatform.handle().extract(null, values));
            assertEquals(List.of("bundled-in-plugin", false), values.values);

            FalcoPlugin plugin = host.plugins().get(1).plugin();
            Class<?> pluginsYaml = plugin.getClass().getClassLoader().loadClass("org.yaml.snakeyaml.Yaml");
            assertNotSame(org.yaml.snakeyaml.Yaml.class, pluginsYaml);
            assertThrows(ClassNotFoundException.class, () -> plugin.getClass().getClassLoader()
                    .loadClass("com.fasterxml.jackson.databind.ObjectMapper"));
            assertEquals(FalcoPlugin.class, plugin.getClass().getClassLoader().loadClass(FalcoPlugin.class.getName()));
        }
    }

    @Test
    void fixtureSourceDeliversNumberedEventsUntilEof() throws Exception {
        try (PluginHost host = host()) {
            host.load(List.of(new PluginConfig("test_source", dir.resolve("test_source.jar").toString(), "", "130"),
                    jar("test_extract_p1")));
            ResolvedField field = host.catalogs().get("test_source").resolve("test.field", null);
            ResolvedField pluginName = host.catalogs().get("test_source").resolve("evt.pluginname", null);
            List<Long> numbers = new ArrayList<>();
            List<String> opened = new ArrayList<>();
            int[] batches = {0};
            EventSink sink = new EventSink() {
                @Override
                public void onEvent(String source, Event event) {
                    RecordingValueSink values = new RecordingValueSink();
                    field.handle().extract(event, values);
                    pluginName.handle().extract(event, values);
                    numbers.add((Long) values.values.get(0));
                    assertEquals("test_source", values.values.get(1));
                }

                @Override
                public void onEndOfBatch(String source) {
                    batches[0]++;
                }
            };
            SourceRunner runner = new SourceRunner(host.sourceBindings(), sink, (level, message) -> opened.add(message));
            runner.start();
            Optional<String> failure = runner.awaitTermination();
            assertTrue(failure.isEmpty());
            assertEquals(130, numbers.size());
            assertEquals(1L, numbers.get(0));
            assertEquals(130L, numbers.get(129));
            assertEquals(2, batches[0], "128 events fit one batch");
            assertEquals(List.of("Opening 'test_source' source with plugin 'test_source'"), opened);
            assertEquals(130, runner.stats().get("test_source").events().get());
        }
    }

    @Test
    void listPluginsOfFixtureJars() throws Exception {
        try (PluginHost host = host()) {
            host.register(List.of(jar("test_source"), jar("test_extract_p1")));
            assertTrue(host.listPlugins().matches(
                    "(?s)2 Plugins Loaded:.*Name: test_source.*ID=999, source='test_source'.*Name: test_extract_p1.*"));
        }
    }
}
