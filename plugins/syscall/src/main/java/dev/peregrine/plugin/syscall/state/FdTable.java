package dev.peregrine.plugin.syscall.state;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** The open fds of one process (shared by its threads), keyed by fd number. */
public final class FdTable {

    private final Map<Long, FdInfo> entries = new HashMap<>();

    /** The entry of {@code fd}, or null. */
    public FdInfo get(long fd) {
        return entries.get(fd);
    }

    void put(long fd, FdInfo info) {
        entries.put(fd, info);
    }

    FdInfo remove(long fd) {
        return entries.remove(fd);
    }

    /** Number of open fds ({@code proc.fdopencount}). */
    public int size() {
        return entries.size();
    }

    /** Calls {@code action} with every entry. */
    public void forEachEntry(java.util.function.Consumer<FdInfo> action) {
        entries.values().forEach(action);
    }

    void forEach(BiConsumer<Long, FdInfo> action) {
        entries.forEach(action);
    }

    /** A deep copy, as a forked child gets. */
    FdTable copy() {
        FdTable copy = new FdTable();
        entries.forEach((fd, info) -> copy.entries.put(fd, info.copy()));
        return copy;
    }

    void removeCloseOnExec() {
        entries.values().removeIf(FdInfo::isCloseOnExec);
    }
}
