package dev.peregrine.api;

/** The version of this API. A plugin requiring {@code M.m.p} loads iff M equals our major and m.p is not newer than ours. */
public final class HostApi {
    /** Semantic version of the plugin API implemented by this host. */
    public static final String VERSION = "1.0.0";

    private HostApi() {
    }
}
