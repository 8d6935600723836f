package dev.peregrine.api;

/** A host-owned batch an {@link EventStream} appends to. */
public interface EventBatch {

    /** Timestamp value meaning "the host fills in the current time". */
    long NOW = -1L;

    /** How many more events fit in this batch. */
    int remaining();

    /**
     * Appends a plugin event (Falco's type 322) carrying {@code payload}.
     *
     * @param timestampNanos nanoseconds since the epoch, or {@link #NOW}
     * @return false when the batch is full or the payload exceeds the host's size limit (counted)
     */
    boolean add(long timestampNanos, byte[] payload);

    /**
     * Appends an event the plugin represents itself (e.g. a syscall event view). The host keeps the
     * reference only until the batch has been processed.
     */
    boolean add(Event event);
}
