package dev.peregrine.plugin.syscall.state;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The open fds of one process (shared by its threads), keyed by fd number. Only the partition that carries
 * the process changes it, and it reads without locking; changes and whole-table copies lock, because a
 * forked child's partition copies its parent's table from another thread.
 */
public final class FdTable {

    private final LongMap<FdInfo> entries;

    FdTable() {
        this(new LongMap<>(16));
    }

    private FdTable(LongMap<FdInfo> entries) {
        this.entries = entries;
    }

    /** The entry of {@code fd}, or null. */
    public FdInfo get(long fd) {
        return entries.get(fd);
    }

    synchronized void put(long fd, FdInfo info) {
        entries.put(fd, info);
    }

    synchronized FdInfo remove(long fd) {
        return entries.remove(fd);
    }

    /** Number of open fds ({@code proc.fdopencount}). */
    public int size() {
        return entries.size();
    }

    /** Calls {@code action} with every entry. */
    public void forEachEntry(Consumer<FdInfo> action) {
        entries.values().forEach(action);
    }

    /** The fd numbers in {@code [first, last]}. */
    List<Long> numbersBetween(long first, long last) {
        List<Long> hit = new ArrayList<>();
        for (int i = 0; i < entries.capacity(); i++) {
            if (entries.valueAt(i) != null && entries.keyAt(i) >= first && entries.keyAt(i) <= last) {
                hit.add(entries.keyAt(i));
            }
        }
        return hit;
    }

    /** A deep copy, as a forked child gets. */
    synchronized FdTable copy() {
        LongMap<FdInfo> copy = entries.copy();
        for (int i = 0; i < copy.capacity(); i++) {
            FdInfo info = copy.valueAt(i);
            if (info != null) {
                copy.put(copy.keyAt(i), info.copy());
            }
        }
        return new FdTable(copy);
    }

    synchronized void removeCloseOnExec() {
        List<Long> closing = new ArrayList<>();
        for (int i = 0; i < entries.capacity(); i++) {
            FdInfo info = entries.valueAt(i);
            if (info != null && info.isCloseOnExec()) {
                closing.add(entries.keyAt(i));
            }
        }
        closing.forEach(entries::remove);
    }
}
