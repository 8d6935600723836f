package dev.peregrine.platform.source;

import dev.peregrine.api.Event;
import dev.peregrine.api.EventBatch;
import java.util.function.LongSupplier;

/**
 * The host's {@link EventBatch}: at most {@value #CAPACITY} events per call and payloads up to
 * {@value #MAX_PAYLOAD} bytes (the Go SDK's defaults). Plugin events are held in reused holders,
 * so a steady stream allocates nothing here.
 */
final class HostEventBatch implements EventBatch {

    static final int CAPACITY = 128;
    static final int MAX_PAYLOAD = 256 * 1024;

    private final int pluginId;
    private final LongSupplier clock;
    private final SourceStats stats;
    private final PluginEvent[] pool = new PluginEvent[CAPACITY];
    private final Event[] events = new Event[CAPACITY];
    private int size;

    HostEventBatch(int pluginId, LongSupplier clock, SourceStats stats) {
        this.pluginId = pluginId;
        this.clock = clock;
        this.stats = stats;
        for (int i = 0; i < CAPACITY; i++) {
            pool[i] = new PluginEvent();
        }
    }

    @Override
    public int remaining() {
        return CAPACITY - size;
    }

    @Override
    public boolean add(long timestampNanos, byte[] payload) {
        if (size == CAPACITY) {
            stats.drops().incrementAndGet();
            return false;
        }
        if (payload == null || payload.length > MAX_PAYLOAD) {
            stats.rejections().incrementAndGet();
            return false;
        }
        PluginEvent event = pool[size];
        event.timestamp = timestampNanos == NOW ? clock.getAsLong() : timestampNanos;
        event.payload = payload;
        event.pluginId = pluginId;
        events[size++] = event;
        return true;
    }

    @Override
    public boolean add(Event event) {
        if (size == CAPACITY) {
            stats.drops().incrementAndGet();
            return false;
        }
        events[size++] = event;
        return true;
    }

    int size() {
        return size;
    }

    /**
     * The {@code i}-th event; plugin events get their host event number now, so events discarded
     * with a failed call never consume one.
     */
    Event numbered(int i, long number) {
        Event event = events[i];
        if (event instanceof PluginEvent own) {
            own.number = number;
        }
        return event;
    }

    void clear() {
        // only the first size slots were used (a plugin event takes the pool slot of its index); sources
        // that hand over one event per call, like syscall replay, must not pay for the whole pool
        for (int i = 0; i < size; i++) {
            events[i] = null;
            pool[i].payload = EMPTY;
        }
        size = 0;
    }

    private static final byte[] EMPTY = new byte[0];

    /** A reusable plugin event (type 322). */
    static final class PluginEvent implements Event {
        private long number;
        private long timestamp;
        private int pluginId;
        private byte[] payload = EMPTY;

        @Override
        public long number() {
            return number;
        }

        @Override
        public long timestampNanos() {
            return timestamp;
        }

        @Override
        public int type() {
            return PLUGIN_EVENT_TYPE;
        }

        @Override
        public int pluginId() {
            return pluginId;
        }

        @Override
        public byte[] payload() {
            return payload;
        }
    }
}
