package dev.peregrine.plugin.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.EventTypeCatalog;
import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldArgumentKind;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.plugin.syscall.field.PendingExtractionHandle;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The syscall and container extensions: identity, event types, field binding, no source yet. */
class SyscallPluginTest {

    private final SyscallPlugin syscall = new SyscallPlugin();
    private final ContainerPlugin container = new ContainerPlugin();

    @Test
    void syscallPluginIsTheSyscallSourceWithIdZero() {
        assertEquals("syscall", syscall.info().name());
        assertEquals("syscall", syscall.info().eventSource());
        assertEquals(0, syscall.info().id());
        assertEquals("0.1.0", syscall.info().version());
        EventTypeCatalog types = syscall.eventTypes().orElseThrow();
        assertEquals(454, types.codeCount());
        assertEquals(226, syscall.fields().size());
    }

    @Test
    void containerPluginExtractsOnSyscallEventsOnly() {
        assertEquals("container", container.info().name());
        assertEquals("0.5.0", container.info().version());
        assertTrue(!container.info().sourcesEvents());
        assertEquals(Set.of("syscall"), container.extractEventSources());
        assertEquals(39, container.fields().size());
    }

    @Test
    void everyDeclaredFieldBindsWithAValidArgument() throws PluginException {
        for (FalcoPlugin plugin : new FalcoPlugin[] {syscall, container}) {
            PluginInstance instance = plugin.init(null, "");
            for (FieldSpec field : plugin.fields()) {
                if (field.name().equals("evt.around")) {
                    continue; // rejected at load on purpose (LibsinspFieldParityTest)
                }
                assertNotNull(instance.bindField(field, validArgument(field)), field.name());
            }
        }
    }

    @Test
    void aFieldWithoutExtractionFailsLoudlyWhenUsed() {
        FieldHandle pending = new PendingExtractionHandle("container.example");
        assertEquals("syscall field extraction is not implemented yet: container.example",
                assertThrows(IllegalStateException.class, () -> pending.extract(null, null)).getMessage());
    }

    @Test
    void openingWithoutParametersAsksForAnEngine() {
        PluginException error = assertThrows(PluginException.class, () -> syscall.init(null, "").open(""));
        assertEquals("syscall event source: no engine given; use engine.kind=modern_ebpf, kmod, or replay with "
                + "engine.replay.capture_file", error.getMessage());
    }

    @Test
    void theKmodEngineWithoutTheModuleSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        PluginException error = assertThrows(PluginException.class, () -> syscall.init(null, "")
                .open("{\"engine\": \"kmod\", \"device_dir\": \"" + dir + "\"}"));
        assertEquals("no " + dir.resolve("falco0") + ": the Falco kernel module is not loaded", error.getMessage());
    }

    @Test
    void theKmodEngineOpensDevicesThroughLibcAndChecksTheirVersion(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // Guard: with a real module loaded the engine would set its buffer size parameter.
        org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.exists(java.nio.file.Path.of(
                "/sys/module/falco")), "a Falco kernel module is loaded here");
        java.nio.file.Files.write(dir.resolve("falco0"), new byte[4096]); // a regular file in place of the device
        PluginException error = assertThrows(PluginException.class, () -> syscall.init(null, "")
                .open("{\"engine\": \"kmod\", \"device_dir\": \"" + dir + "\"}"));
        assertEquals("Kernel module does not support PPM_IOCTL_GET_API_VERSION", error.getMessage());
    }

    @Test
    void badArgumentsAreRejected() {
        PluginInstance instance = syscall.init(null, "");
        assertEquals("field evt.arg requires an argument", assertThrows(PluginException.class,
                () -> instance.bindField(field(syscall, "evt.arg"), FieldArgument.none())).getMessage());
        assertEquals("field proc.name does not accept an argument", assertThrows(PluginException.class,
                () -> instance.bindField(field(syscall, "proc.name"), FieldArgument.of("1"))).getMessage());
        assertEquals("field proc.aname needs a numeric index argument, got 'x'", assertThrows(PluginException.class,
                () -> instance.bindField(field(syscall, "proc.aname"), FieldArgument.of("x"))).getMessage());
        assertEquals("field container.id is not provided by this plugin", assertThrows(PluginException.class,
                () -> instance.bindField(field(container, "container.id"), FieldArgument.none())).getMessage());
    }

    private static FieldSpec field(FalcoPlugin plugin, String name) {
        return plugin.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static FieldArgument validArgument(FieldSpec field) {
        if (!field.argumentRequired()) {
            return FieldArgument.none();
        }
        return field.argument() == FieldArgumentKind.KEY ? FieldArgument.of("name") : FieldArgument.of("0");
    }
}
