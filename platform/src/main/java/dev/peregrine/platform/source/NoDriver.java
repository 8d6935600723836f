package dev.peregrine.platform.source;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.platform.plugin.SourceBinding;

/**
 * Falco's {@code nodriver} engine: the {@code syscall} source is enabled (its rules load and other
 * sources run beside it) but has no capture driver, so it never yields an event and runs until
 * the process is asked to stop.
 */
public final class NoDriver implements PluginInstance {

    /** A binding that runs {@code source} without a driver. */
    public static SourceBinding binding(String source) {
        return new SourceBinding(source, "nodriver", 0, new NoDriver(), "");
    }

    /** True for bindings made by {@link #binding}. */
    static boolean isNoDriver(SourceBinding binding) {
        return binding.instance() instanceof NoDriver;
    }

    private NoDriver() {
    }

    @Override
    public EventStream open(String openParams) {
        return new EventStream() {
            @Override
            public BatchStatus nextBatch(EventBatch batch) {
                return BatchStatus.TIMEOUT;
            }
        };
    }
}
