package dev.peregrine.platform.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class PluginConfigTest {

    private static final PluginConfig CT = new PluginConfig("cloudtrail", "libcloudtrail.so", "", "");
    private static final PluginConfig JSON = new PluginConfig("json", "libjson.so", "", "");

    @Test
    void yamlMapInitConfigBecomesCompactJsonWithYamlTypes() {
        Object value = new Yaml().load("init_config:\n  sqsDelete: true\n  maxEventSize: 262144\n  name: x\n  1: one\n  list: [a, 2]\n");
        Object initConfig = ((Map<?, ?>) value).get("init_config");
        assertEquals("{\"sqsDelete\":true,\"maxEventSize\":262144,\"name\":\"x\",\"1\":\"one\",\"list\":[\"a\",2]}",
                PluginConfig.initConfigText(initConfig));
    }

    @Test
    void stringInitConfigIsKeptAndNullBecomesEmpty() {
        assertEquals("{\"a\": 1}", PluginConfig.initConfigText("{\"a\": 1}"));
        assertEquals("", PluginConfig.initConfigText(null));
        assertEquals("{}", PluginConfig.initConfigText(new LinkedHashMap<>()));
    }

    @Test
    void openParamsAreTrimmed() {
        assertEquals("file.json", new PluginConfig("a", "b", null, "  file.json \n").openParams());
    }

    @Test
    void withoutLoadPluginsEveryEntryLoadsInFileOrder() throws Exception {
        assertEquals(List.of(CT, JSON), PluginConfig.select(List.of(CT, JSON), null));
    }

    @Test
    void loadPluginsSelectsListedNamesInListOrder() throws Exception {
        assertEquals(List.of(JSON, CT), PluginConfig.select(List.of(CT, JSON), List.of("json", "cloudtrail")));
        assertEquals(List.of(), PluginConfig.select(List.of(CT, JSON), List.of()));
    }

    @Test
    void unknownLoadPluginsNameIsFatal() {
        assertEquals("Cannot load plugin 'okta': plugin config not found for given name",
                assertThrows(PluginLoadException.class,
                        () -> PluginConfig.select(List.of(CT, JSON), List.of("json", "okta"))).getMessage());
    }
}
