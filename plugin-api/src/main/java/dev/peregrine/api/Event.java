package dev.peregrine.api;

/** A read-only view of one event, as extractors see it. */
public interface Event {

    /** Falco's event type code of plugin events ({@code PPME_PLUGINEVENT_E}). */
    int PLUGIN_EVENT_TYPE = 322;

    /** The payload of events that carry none. */
    byte[] EMPTY_PAYLOAD = new byte[0];

    /** Sequence number, increasing within a stream, starting at 1. */
    long number();

    /** Nanoseconds since the epoch. */
    long timestampNanos();

    /** Event type code; {@link #PLUGIN_EVENT_TYPE} for plugin events. */
    int type();

    /** Id of the plugin that produced the event (0 for events of no registered plugin). */
    default int pluginId() {
        return 0;
    }

    /** Payload of a plugin event; empty for events that are not plugin events. Do not modify. */
    default byte[] payload() {
        return EMPTY_PAYLOAD;
    }
}
