package dev.peregrine.platform.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.HostApi;
import dev.peregrine.api.PluginInfo;
import dev.peregrine.platform.version.SemanticVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PluginHostTest {

    private static final FieldSpec CT_USER = FieldSpec.of("ct.user", FieldType.STRING, "the user");
    private static final FieldSpec JSON_VALUE = FieldSpec.of("json.value", FieldType.STRING, "a value");

    private static PluginConfig config(String name) {
        return new PluginConfig(name, name + ".jar", "", "");
    }

    private static String loadFails(FakeProvider provider, HostOptions options, String... names) {
        List<PluginConfig> configs = new ArrayList<>();
        for (String name : names) {
            configs.add(config(name));
        }
        PluginHost host = new PluginHost(provider, options);
        return assertThrows(PluginLoadException.class, () -> host.load(configs)).getMessage();
    }

    private static String loadFails(FakeProvider provider, String... names) {
        return loadFails(provider, HostOptions.defaults(), names);
    }

    private static FakePlugin requiringApi(String version) {
        return FakePlugin.source("x", 5, "xs")
                .withInfo(new PluginInfo("x", "0.1.0", version, "", "", 5, "xs"));
    }

    @Test
    void newerMajorApiIsRefusedWithFalcosReason() {
        String message = loadFails(new FakeProvider().with("x.jar", requiringApi("10000000.0.0")), "x");
        assertEquals("plugin required API version '10000000.0.0' not compatible with the framework's API version '"
                + HostApi.VERSION + "': major versions disagree", message);
    }

    @Test
    void newerMinorAndPatchApiAreRefusedWithTheirOwnReasons() {
        SemanticVersion host = SemanticVersion.parse(HostApi.VERSION).orElseThrow();
        String minor = host.major() + "." + (host.minor() + 1) + ".0";
        String patch = host.major() + "." + host.minor() + "." + (host.patch() + 1);
        assertTrue(loadFails(new FakeProvider().with("x.jar", requiringApi(minor)), "x")
                .endsWith(": framework's minor is less than the requested one"));
        assertTrue(loadFails(new FakeProvider().with("x.jar", requiringApi(patch)), "x")
                .endsWith(": framework's patch is less than the requested one"));
    }

    @Test
    void unparsableApiVersionIsRefused() {
        assertEquals("plugin provided an invalid required API version: 'one'",
                loadFails(new FakeProvider().with("x.jar", requiringApi("one")), "x"));
    }

    @Test
    void invalidPluginVersionIsRefused() {
        FakePlugin plugin = FakePlugin.source("x", 5, "xs")
                .withInfo(new PluginInfo("x", "v1", HostApi.VERSION, "", "", 5, "xs"));
        assertEquals("plugin provided an invalid version string: 'v1'",
                loadFails(new FakeProvider().with("x.jar", plugin), "x"));
    }

    @Test
    void duplicateNamesAndIdsAbort() {
        FakeProvider sameName = new FakeProvider()
                .with("a.jar", FakePlugin.source("dup", 1, "s1"))
                .with("b.jar", FakePlugin.source("dup", 2, "s2"));
        assertEquals("found another plugin with name dup. Aborting.", loadFails(sameName, "a", "b"));
        FakeProvider sameId = new FakeProvider()
                .with("a.jar", FakePlugin.source("one", 7, "s1"))
                .with("b.jar", FakePlugin.source("two", 7, "s2"));
        assertEquals("found another plugin with ID 7. Aborting.", loadFails(sameId, "a", "b"));
    }

    @Test
    void pluginWithoutCapabilityIsRefused() {
        FakePlugin nothing = FakePlugin.extractor("idle");
        assertEquals("error in plugin idle: plugin does not implement any capability",
                loadFails(new FakeProvider().with("idle.jar", nothing), "idle"));
    }

    @Test
    void idWithoutSourceIsRefused() {
        FakePlugin plugin = FakePlugin.extractor("half", CT_USER)
                .withInfo(new PluginInfo("half", "0.1.0", HostApi.VERSION, "", "", 3, ""));
        assertEquals("error in plugin half: must implement both 'plugin_get_id' and 'plugin_get_event_source' or neither",
                loadFails(new FakeProvider().with("half.jar", plugin), "half"));
    }

    @Test
    void fieldWithoutDescriptionIsRefused() {
        FakePlugin plugin = FakePlugin.source("ct", 2, "aws_cloudtrail")
                .withFields(FieldSpec.of("ct.bad", FieldType.STRING, ""));
        assertEquals("error in plugin ct: field JSON entry has no desc",
                loadFails(new FakeProvider().with("ct.jar", plugin), "ct"));
    }

    @Test
    void pluginFieldsAreLimitedToThePluginApiTypes() {
        FakePlugin plugin = FakePlugin.source("ct", 2, "aws_cloudtrail")
                .withFields(FieldSpec.of("ct.count", FieldType.INT64, "signed"));
        assertEquals("error in plugin ct: invalid field type int64",
                loadFails(new FakeProvider().with("ct.jar", plugin), "ct"));
    }

    @Test
    void pluginThrowingFromInfoIsReportedWithoutCrashing() {
        FakePlugin plugin = FakePlugin.source("boom", 2, "b");
        plugin.infoFailure = new IllegalStateException("kaputt");
        String message = loadFails(new FakeProvider().with("boom.jar", plugin), "boom");
        assertTrue(message.contains("FakePlugin") && message.contains("kaputt"), message);
    }

    @Test
    void extractorCompatibleWithNoLoadedSourceIsUnused() {
        FakePlugin extractor = FakePlugin.extractor("test_extract_p1", FieldSpec.of("test.field", FieldType.UINT64, "d"));
        extractor.extractSources = Set.of("test_source");
        FakeProvider provider = new FakeProvider()
                .with("ct.jar", FakePlugin.source("cloudtrail", 2, "aws_cloudtrail").withFields(CT_USER))
                .with("p1.jar", extractor);
        PluginHost host = new PluginHost(provider, HostOptions.defaults());
        String message = assertThrows(PluginLoadException.class, () -> host.load(List.of(
                new PluginConfig("cloudtrail", "ct.jar", "", ""), new PluginConfig("test_extract_p1", "p1.jar", "", ""))))
                .getMessage();
        assertEquals("Plugin 'test_extract_p1' is loaded but unused as not compatible with any known event source", message);
    }

    @Test
    void twoExtractorsOfTheSameFieldOverlap() {
        FieldSpec field = FieldSpec.of("test.field", FieldType.UINT64, "d");
        FakePlugin p1 = FakePlugin.extractor("test_extract_p1", field);
        FakePlugin p2 = FakePlugin.extractor("test_extract_p2", field);
        p1.extractSources = Set.of("test_source");
        p2.extractSources = Set.of("test_source");
        FakeProvider provider = new FakeProvider()
                .with("test_source.jar", FakePlugin.source("test_source", 999, "test_source"))
                .with("test_extract_p1.jar", p1).with("test_extract_p2.jar", p2);
        assertEquals("Plugin 'test_extract_p2' supports extraction of field 'test.field' that is overlapping for source 'test_source'",
                loadFails(provider, "test_source", "test_extract_p1", "test_extract_p2"));
    }

    @Test
    void pluginFieldClashingWithHostFieldOverlaps() {
        FakePlugin source = FakePlugin.source("ct", 2, "aws_cloudtrail")
                .withFields(FieldSpec.of("evt.num", FieldType.UINT64, "mine"));
        assertEquals("Plugin 'ct' supports extraction of field 'evt.num' that is overlapping for source 'aws_cloudtrail'",
                loadFails(new FakeProvider().with("ct.jar", source), "ct"));
    }

    @Test
    void extractorWithoutDeclaredSourcesIsInitialisedOncePerSource() throws Exception {
        FakePlugin json = FakePlugin.extractor("json", JSON_VALUE);
        FakeProvider provider = new FakeProvider()
                .with("ct.jar", FakePlugin.source("cloudtrail", 2, "aws_cloudtrail").withFields(CT_USER))
                .with("k8s.jar", FakePlugin.source("k8saudit", 1, "k8s_audit"))
                .with("json.jar", json);
        try (PluginHost host = new PluginHost(provider, HostOptions.defaults())) {
            host.load(List.of(config("ct"), config("k8s"), config("json")));
            assertEquals(List.of("aws_cloudtrail", "k8s_audit"), host.loadedSources());
            assertEquals(2, json.initConfigs.size());
            assertTrue(host.catalogs().get("k8s_audit").knows("json.value"));
            assertTrue(host.catalogs().get("aws_cloudtrail").knows("ct.user"));
            assertFalse(host.catalogs().get("k8s_audit").knows("ct.user"));
        }
    }

    @Test
    void firstPluginOfASourceOpensItWithItsOpenParams() throws Exception {
        FakePlugin first = FakePlugin.source("k8saudit", 1, "k8s_audit");
        FakePlugin second = FakePlugin.source("k8saudit-eks", 9, "k8s_audit");
        FakeProvider provider = new FakeProvider().with("a.jar", first).with("b.jar", second);
        try (PluginHost host = new PluginHost(provider, HostOptions.defaults())) {
            host.load(List.of(new PluginConfig("k8saudit", "a.jar", "", "  http://:9765/k8s  "),
                    new PluginConfig("k8saudit-eks", "b.jar", "", "")));
            List<SourceBinding> bindings = host.sourceBindings();
            assertEquals(1, bindings.size());
            assertEquals("k8saudit", bindings.get(0).pluginName());
            assertEquals("http://:9765/k8s", bindings.get(0).openParams());
        }
    }

    @Test
    void builtInSyscallLoadsFirstUnlessDisabled() throws Exception {
        FakeProvider provider = new FakeProvider().with("ct.jar", FakePlugin.source("cloudtrail", 2, "aws_cloudtrail")
                .withFields(CT_USER));
        provider.syscall = FakePlugin.source("syscall", 0, "syscall")
                .withFields(FieldSpec.of("proc.name", FieldType.STRING, "process name"));
        try (PluginHost host = new PluginHost(provider, HostOptions.defaults())) {
            host.load(List.of(config("ct")));
            assertEquals(List.of("syscall", "aws_cloudtrail"), host.enabledSources());
            assertEquals(1, host.plugins().size());
            assertTrue(host.catalogs().get("syscall").knows("proc.name"));
            assertFalse(host.catalogs().get("syscall").knows("evt.pluginname"), "host fields are for plugin sources");
        }
        HostOptions noSyscall = new HostOptions(Set.of(), Set.of("syscall"), "", null);
        try (PluginHost host = new PluginHost(provider, noSyscall)) {
            host.load(List.of(config("ct")));
            assertEquals(List.of("aws_cloudtrail"), host.loadedSources());
        }
    }

    @Test
    void secondPluginOfAnEnabledSourceIsWarnedAbout() throws Exception {
        FakeProvider provider = new FakeProvider()
                .with("a.jar", FakePlugin.source("k8saudit", 1, "k8s_audit"))
                .with("b.jar", FakePlugin.source("k8saudit-eks", 9, "k8s_audit"));
        List<String> log = new ArrayList<>();
        HostOptions options = new HostOptions(Set.of(), Set.of(), "", (level, message) -> log.add(level + " " + message));
        try (PluginHost host = new PluginHost(provider, options)) {
            host.load(List.of(config("a"), config("b")));
        }
        assertEquals(List.of("INFO Loading plugin 'a' from file a.jar", "INFO Loading plugin 'b' from file b.jar",
                "INFO Loaded event sources: k8s_audit", "INFO Enabled event sources: k8s_audit",
                "WARNING Enabled event source 'k8s_audit' can be opened with multiple loaded plugins, will use only 'k8saudit'"),
                log);
    }

    @Test
    void explicitlyConfiguredSyscallPluginReplacesTheBuiltInEntry() throws Exception {
        FakeProvider provider = new FakeProvider();
        FakePlugin syscall = FakePlugin.source("syscall", 0, "syscall")
                .withFields(FieldSpec.of("proc.name", FieldType.STRING, "process name"));
        provider.syscall = syscall;
        provider.with("syscall.jar", syscall);
        try (PluginHost host = new PluginHost(provider, HostOptions.defaults())) {
            host.load(List.of(new PluginConfig("syscall", "syscall.jar", "{\"x\":1}", "")));
            assertEquals(List.of("syscall"), host.loadedSources());
            assertEquals(List.of("{\"x\":1}"), syscall.initConfigs);
        }
        HostOptions disabled = new HostOptions(Set.of(), Set.of("syscall"), "", null);
        try (PluginHost host = new PluginHost(provider, disabled)) {
            assertEquals("Must enable at least one event source", assertThrows(PluginLoadException.class,
                    () -> host.load(List.of(new PluginConfig("syscall", "syscall.jar", "", "")))).getMessage());
            assertEquals(List.of("syscall"), host.loadedSources());
        }
    }

    @Test
    void enablingAnUnknownSourceFails() {
        FakeProvider provider = new FakeProvider().with("ct.jar", FakePlugin.source("cloudtrail", 2, "aws_cloudtrail"));
        HostOptions options = new HostOptions(Set.of("okta"), Set.of(), "", null);
        assertEquals("Attempted enabling an unknown event source: okta", loadFails(provider, options, "ct"));
    }

    @Test
    void initFailureIsFatalWithFalcosPrefix() {
        FakePlugin plugin = FakePlugin.source("ct", 2, "aws_cloudtrail");
        plugin.initFailure = "bad region";
        assertEquals("could not initialize plugin: bad region", loadFails(new FakeProvider().with("ct.jar", plugin), "ct"));
    }

    @Test
    void schemaTurnsEmptyInitConfigIntoAnEmptyObject() throws Exception {
        FakePlugin plugin = FakePlugin.source("ct", 2, "aws_cloudtrail");
        plugin.schema = Optional.of("{\"type\":\"object\",\"properties\":{\"sqsDelete\":{\"type\":\"boolean\"}}}");
        try (PluginHost host = new PluginHost(new FakeProvider().with("ct.jar", plugin), HostOptions.defaults())) {
            host.load(List.of(config("ct")));
        }
        assertEquals(List.of("{}"), plugin.initConfigs);
    }

    @Test
    void initConfigViolatingTheSchemaIsReportedWithItsPath() {
        FakePlugin plugin = FakePlugin.source("ct", 2, "aws_cloudtrail");
        plugin.schema = Optional.of("{\"type\":\"object\",\"properties\":{\"sqsDelete\":{\"type\":\"boolean\"}}}");
        PluginHost host = new PluginHost(new FakeProvider().with("ct.jar", plugin), HostOptions.defaults());
        String message = assertThrows(PluginLoadException.class, () -> host.load(List.of(
                new PluginConfig("ct", "ct.jar", "{\"sqsDelete\":\"yes\"}", "")))).getMessage();
        assertEquals("error in plugin ct init config: In <root>[sqsDelete], Value type not permitted by 'type' constraint.",
                message);
        PluginHost again = new PluginHost(new FakeProvider().with("ct.jar", plugin), HostOptions.defaults());
        assertEquals("error in plugin ct: init config is not a valid json", assertThrows(PluginLoadException.class,
                () -> again.load(List.of(new PluginConfig("ct", "ct.jar", "sqsDelete: yes", "")))).getMessage());
    }

    @Test
    void listPluginsShowsFalcosLayout() throws Exception {
        FakeProvider provider = new FakeProvider()
                .with("ct.jar", FakePlugin.source("cloudtrail", 2, "aws_cloudtrail").withFields(CT_USER))
                .with("json.jar", FakePlugin.extractor("json", JSON_VALUE));
        try (PluginHost host = new PluginHost(provider, HostOptions.defaults())) {
            host.register(List.of(config("ct"), config("json")));
            String text = host.listPlugins();
            assertEquals("""
                    2 Plugins Loaded:

                    Name: cloudtrail
                    Description: A source
                    Contact: nobody
                    Version: 1.2.3
                    Capabilities:\s
                      - Event Sourcing (ID=2, source='aws_cloudtrail')
                      - Field Extraction

                    Name: json
                    Description: An extractor
                    Contact: nobody
                    Version: 0.7.4
                    Capabilities:\s
                      - Field Extraction


                    """, text);
            assertTrue(text.matches("(?s)2 Plugins Loaded.*Name: cloudtrail.*Name: json.*"));
        }
    }

    @Test
    void listFieldsGroupsSharedClassesAndHidesHiddenFields() throws Exception {
        FakeProvider provider = new FakeProvider()
                .with("ct.jar", FakePlugin.source("cloudtrail", 2, "aws_cloudtrail").withFields(CT_USER,
                        FieldSpec.of("ct.secret", FieldType.STRING, "hidden one")
                                .withProperties(Set.of(dev.peregrine.api.FieldProperty.HIDDEN))))
                .with("json.jar", FakePlugin.extractor("json", JSON_VALUE.withArgument(
                        dev.peregrine.api.FieldArgumentKind.KEY, true)));
        try (PluginHost host = new PluginHost(provider, HostOptions.defaults())) {
            host.load(List.of(config("ct"), config("json")));
            String text = host.listFields(null, false, false);
            assertTrue(text.contains("Field Class:                  cloudtrail (plugin)\n"
                    + "Event Sources:                aws_cloudtrail \n\n"
                    + "ct.user                       the user \n"), text);
            assertTrue(text.contains("json.value                    (ARG_REQUIRED) a value \n"), text);
            assertFalse(text.contains("ct.secret"));
            assertTrue(host.listFields("aws_cloudtrail", false, true).contains("ct.user\n"));
        }
    }

    @Test
    void pluginInfoPrintsSchemaAndSuggestions() throws Exception {
        FakePlugin plugin = FakePlugin.source("ct", 2, "aws_cloudtrail");
        try (PluginHost host = new PluginHost(new FakeProvider().with("ct.jar", plugin), HostOptions.defaults())) {
            host.register(List.of(config("ct")));
            String text = host.pluginInfo("ct");
            assertTrue(text.startsWith("Name: ct\n"), text);
            assertTrue(text.contains("Init config schema type: Not available, plugin does not implement the init config schema functionality\n"));
            assertTrue(text.contains("No suggested open params available"));
            assertEquals("can't find plugin and print its info: nope",
                    assertThrows(PluginLoadException.class, () -> host.pluginInfo("nope")).getMessage());
        }
    }
}
