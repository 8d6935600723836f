package dev.peregrine.plugin.syscall.state;

import dev.peregrine.plugin.syscall.event.EventView;
import java.util.Map;

/**
 * The state changes of one family of events. Each updater names the event types it handles with a
 * small per-family code, so the state dispatches with one array lookup per event.
 */
sealed interface StateUpdater permits ProcessUpdater, FileDescriptorUpdater, NetworkUpdater, ThreadAttributeUpdater {

    /** Event enum name to the family's own code for it. */
    Map<String, Integer> handledEvents();

    /** Applies {@code event} (already the state's current event) with the family code {@code kind}. */
    void apply(SyscallState state, EventView event, int kind);
}
