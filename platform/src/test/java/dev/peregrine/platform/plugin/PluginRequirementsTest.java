package dev.peregrine.platform.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.peregrine.platform.rules.collect.PluginRequirement;
import dev.peregrine.platform.rules.collect.RequiredPluginGroup;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PluginRequirementsTest {

    private PluginHost host;

    @BeforeEach
    void loadCloudtrailAndJson() throws Exception {
        FakeProvider provider = new FakeProvider()
                .with("ct.jar", FakePlugin.source("cloudtrail", 2, "aws_cloudtrail")
                        .withFields(dev.peregrine.api.FieldSpec.of("ct.id", dev.peregrine.api.FieldType.STRING, "id")))
                .with("json.jar", FakePlugin.extractor("json",
                        dev.peregrine.api.FieldSpec.of("json.value", dev.peregrine.api.FieldType.STRING, "v")));
        host = new PluginHost(provider, HostOptions.defaults());
        host.load(List.of(new PluginConfig("cloudtrail", "ct.jar", "", ""), new PluginConfig("json", "json.jar", "", "")));
    }

    private static RequiredPluginGroup group(String... nameVersionPairs) {
        List<PluginRequirement> members = new java.util.ArrayList<>();
        for (int i = 0; i < nameVersionPairs.length; i += 2) {
            members.add(new PluginRequirement(nameVersionPairs[i], nameVersionPairs[i + 1]));
        }
        return new RequiredPluginGroup(members);
    }

    @Test
    void compatibleVersionsPass() throws Exception {
        host.checkRequirements(List.of(group("cloudtrail", "1.0.0"), group("json", "0.7.0")));
    }

    @Test
    void newerRequiredVersionFailsWithFalcosMessage() {
        assertEquals("Plugin 'cloudtrail' version '1.2.3' is not compatible with required plugin version '100000.0.0'",
                assertThrows(PluginLoadException.class,
                        () -> host.checkRequirements(List.of(group("cloudtrail", "100000.0.0")))).getMessage());
    }

    @Test
    void differentMajorIsIncompatibleEvenWhenOlder() {
        assertEquals("Plugin 'cloudtrail' version '1.2.3' is not compatible with required plugin version '0.9.0'",
                assertThrows(PluginLoadException.class,
                        () -> host.checkRequirements(List.of(group("cloudtrail", "0.9.0")))).getMessage());
    }

    @Test
    void firstLoadedAlternativeDecides() throws Exception {
        host.checkRequirements(List.of(group("k8saudit", "0.18.0", "json", "0.7.0")));
        assertThrows(PluginLoadException.class,
                () -> host.checkRequirements(List.of(group("k8saudit", "0.18.0", "json", "0.8.0", "cloudtrail", "1.0.0"))));
    }

    @Test
    void noLoadedMemberListsAllAlternatives() {
        assertEquals("Plugin requirement not satisfied, must load one of: k8saudit (>= 0.18.0), k8saudit-eks (>= 0.12.0)",
                assertThrows(PluginLoadException.class, () -> host.checkRequirements(List.of(
                        group("k8saudit", "0.18.0", "k8saudit-eks", "0.12.0")))).getMessage());
    }
}
