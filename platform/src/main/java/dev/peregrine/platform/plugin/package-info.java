/**
 * The plugin host: loads PF4J plugin jars in API-only class loaders ({@link
 * dev.peregrine.platform.plugin.JarPluginProvider}), applies Falco's load-time checks and messages,
 * initialises one plugin state per event source and builds each source's field catalogue
 * ({@link dev.peregrine.platform.plugin.PluginHost}); checks rules' plugin requirements and renders
 * the plugin and field listings.
 */
package dev.peregrine.platform.plugin;
