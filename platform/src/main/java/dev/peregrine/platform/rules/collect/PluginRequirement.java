package dev.peregrine.platform.rules.collect;

/** A plugin a rules file needs, at a minimum version. */
public record PluginRequirement(String name, String version) {
    @Override
    public String toString() {
        return name + " (>= " + version + ")";
    }
}
