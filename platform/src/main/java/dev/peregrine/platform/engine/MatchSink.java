package dev.peregrine.platform.engine;

import dev.peregrine.api.Event;

/**
 * Receives the rules an event matched. One long-lived sink serves every event, so the match loop
 * allocates nothing (a capturing lambda per event would).
 */
@FunctionalInterface
public interface MatchSink {
    void onMatch(String source, CompiledRule rule, Event event);
}
