/** falco.yaml: loading, includes, {@code -o} overrides, schema warnings and the typed {@link dev.peregrine.platform.config.PeregrineConfig}. */
package dev.peregrine.platform.config;
