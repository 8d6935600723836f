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
            assertJnrBindsFromThePluginClassLoader(manager.getPluginClassLoader("syscall"));
        } finally {
            manager.stopPlugins();
            manager.unloadPlugins();
        }
    }

    /**
     * jnr-ffi, jffi and jffi's JNI stub (the native classifier jar) are shaded in: the binding classes
     * come from the plugin's own loader and a native call through them works.
     */
    private static void assertJnrBindsFromThePluginClassLoader(ClassLoader pluginLoader) throws Exception {
        Path jar = Path.of(System.getProperty("plugin.jar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            assertNotNull(file.getEntry("jni/x86_64-Linux/libjffi-1.2.so"), "jffi's JNI stub is not in the jar");
            assertNotNull(file.getEntry("jnr/ffi/LibraryLoader.class"));
        }
        Class<?> libbpf = pluginLoader.loadClass("dev.peregrine.plugin.syscall.bpf.Libbpf");
        assertTrue(libbpf.getClassLoader() == pluginLoader, "Libbpf comes from the plugin jar");
        Class<?> foreign = pluginLoader.loadClass("com.kenai.jffi.Foreign");
        assertTrue(foreign.getClassLoader() == pluginLoader, "jffi comes from the plugin jar, not the class path");
        Object bound = libbpf.getMethod("load").invoke(null);
        long pid = ((Number) libbpf.getMethod("getpid").invoke(bound)).longValue();
        assertEquals(ProcessHandle.current().pid(), pid, "getpid through jnr-ffi inside the plugin");
        int page = (int) libbpf.getMethod("pageSize").invoke(bound);
        assertEquals(4096, page);
    }
}
