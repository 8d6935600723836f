package dev.peregrine.api;

/** Outcome of {@link EventStream#nextBatch}. */
public enum BatchStatus {
    /** Events were added (possibly zero). */
    SUCCESS,
    /** Nothing available right now; call again. */
    TIMEOUT,
    /** The stream is finished; events added in this call are still delivered. */
    EOF
}
