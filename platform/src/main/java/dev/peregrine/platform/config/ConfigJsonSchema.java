package dev.peregrine.platform.config;

/** {@code --config-schema}: the JSON schema of the known falco.yaml keys. */
public final class ConfigJsonSchema {

    private ConfigJsonSchema() {
    }

    /** The schema as one JSON document. */
    public static String text() {
        return ConfigSchema.jsonSchema();
    }
}
