package dev.peregrine.plugin.syscall.state;

/**
 * Where field handles find the state of the source their plugin instance opened. Handles are bound
 * at rule-compile time, before the source opens, so they hold this holder rather than the state.
 */
public final class StateHolder {

    private volatile SyscallState state;

    /** The state of the open source, or null before it opens. */
    public SyscallState get() {
        return state;
    }

    public void set(SyscallState state) {
        this.state = state;
    }
}
