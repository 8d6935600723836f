package org.yaml.snakeyaml;

/** Fixture: a class named like the platform's SnakeYAML entry point, to prove the plugin gets its own. */
public final class Yaml {
    /** Marks this copy as the plugin's. */
    public static final String ORIGIN = "bundled-in-plugin";
}
