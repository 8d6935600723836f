package dev.peregrine.platform.plugin;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin jar's class loader that shares only the plugin API, PF4J, SLF4J and the JDK with the
 * platform; everything else comes from the jar (as Trino's PluginClassLoader does), so a plugin's
 * Jackson or SnakeYAML never meets the platform's.
 */
final class ApiOnlyClassLoader extends PluginClassLoader {

    private static final String[] SHARED_PACKAGES = {"dev.peregrine.api.", "org.pf4j.", "org.slf4j."};

    static {
        ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader jdk = ClassLoader.getPlatformClassLoader();

    ApiOnlyClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader platform) {
        super(manager, descriptor, platform, ClassLoadingStrategy.PDA);
    }

    static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Class<?> loadClass(String name) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            if (isShared(name)) {
                return getParent().loadClass(name);
            }
            Class<?> loaded = findLoadedClass(name);
            if (loaded != null) {
                return loaded;
            }
            try {
                return jdk.loadClass(name);
            } catch (ClassNotFoundException notJdk) {
                // not a JDK class: the jar must bundle it
            }
            return findClass(name);
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : jdk.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(jdk.getResources(name)));
        return Collections.enumeration(all);
    }
}
