package dev.peregrine.plugin.syscall.event;

/** Direction of a driver event: even ids are enter ({@code >}) events, odd ids exit ({@code <}) events. */
public enum EventDirection {
    ENTER,
    EXIT;

    /** The direction of an event id, following the driver's even/odd convention. */
    public static EventDirection ofCode(int code) {
        return (code & 1) == 0 ? ENTER : EXIT;
    }
}
