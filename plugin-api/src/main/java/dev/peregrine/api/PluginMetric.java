package dev.peregrine.api;

/** A plugin-provided metric: a counter ({@code monotonic}) or a gauge. */
public record PluginMetric(String name, boolean monotonic, double value) {
}
