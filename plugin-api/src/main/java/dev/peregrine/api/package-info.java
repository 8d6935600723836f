/**
 * The Peregrine plugin SPI: everything a plugin may see of the platform.
 *
 * <p>A plugin jar contributes one {@link dev.peregrine.api.FalcoPlugin} extension. The host reads
 * its {@link dev.peregrine.api.PluginInfo} and field table, then calls
 * {@link dev.peregrine.api.FalcoPlugin#init} once per event source the plugin is attached to
 * (Falco keeps one plugin state per source), and uses the returned
 * {@link dev.peregrine.api.PluginInstance} to open event streams and bind fields. Only types of
 * this package, the JDK and PF4J cross the class-loader boundary.
 *
 * <p>New capabilities arrive as {@code default} methods, so plugins built against an older API
 * keep loading.
 */
package dev.peregrine.api;
