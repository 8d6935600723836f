package dev.peregrine.plugin.syscall.state;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a {@link ThreadTable} keeps its threads: a primitive-keyed map for one reader thread (replay, one
 * ring), or a concurrent map when several partitions update and read the table at once.
 */
sealed interface ThreadMap permits ThreadMap.Local, ThreadMap.Shared {

    ThreadInfo get(long tid);

    /** Stores {@code thread} under its tid, replacing any entry. */
    void put(ThreadInfo thread);

    /** Stores {@code thread} unless an entry exists; returns the entry now stored. */
    ThreadInfo putIfAbsent(ThreadInfo thread);

    /**
     * Stores a child a parent's clone exit describes, unless the child's own clone exit stored its entry
     * first (that one is more exact); atomic against the child's partition.
     */
    void putUnlessInverted(ThreadInfo child);

    /** Removes the entry of {@code thread.tid} if it is still {@code thread} (a reused tid stays). */
    void remove(ThreadInfo thread);

    int size();

    /** Every thread; for the shared map a weakly consistent view. */
    Collection<ThreadInfo> values();

    private static boolean inverted(ThreadInfo t) {
        return t != null && (t.flags & ProcessUpdater.CL_CLONE_INVERTED) != 0;
    }

    /** One thread reads and writes: no synchronisation, no boxing. */
    final class Local implements ThreadMap {
        private final LongMap<ThreadInfo> map = new LongMap<>(1024);

        @Override
        public ThreadInfo get(long tid) {
            return map.get(tid);
        }

        @Override
        public void put(ThreadInfo thread) {
            map.put(thread.tid, thread);
        }

        @Override
        public ThreadInfo putIfAbsent(ThreadInfo thread) {
            ThreadInfo existing = map.get(thread.tid);
            if (existing != null) {
                return existing;
            }
            map.put(thread.tid, thread);
            return thread;
        }

        @Override
        public void putUnlessInverted(ThreadInfo child) {
            if (!inverted(map.get(child.tid))) {
                map.put(child.tid, child);
            }
        }

        @Override
        public void remove(ThreadInfo thread) {
            if (map.get(thread.tid) == thread) {
                map.remove(thread.tid);
            }
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public Collection<ThreadInfo> values() {
            return map.values();
        }
    }

    /**
     * Several partitions write (each the threads of its own processes, plus children its clone exits
     * announce) and every partition reads. Entries are published through the map, so a reader sees a
     * thread's fields as they were when it was stored or later.
     */
    final class Shared implements ThreadMap {
        private final ConcurrentHashMap<Long, ThreadInfo> map = new ConcurrentHashMap<>(1024);

        @Override
        public ThreadInfo get(long tid) {
            return map.get(tid);
        }

        @Override
        public void put(ThreadInfo thread) {
            retire(map.put(thread.tid, thread), thread);
        }

        @Override
        public ThreadInfo putIfAbsent(ThreadInfo thread) {
            ThreadInfo existing = map.putIfAbsent(thread.tid, thread);
            return existing == null ? thread : existing;
        }

        @Override
        public void putUnlessInverted(ThreadInfo child) {
            ThreadInfo[] replaced = new ThreadInfo[1];
            map.compute(child.tid, (tid, old) -> {
                if (inverted(old)) {
                    return old;
                }
                replaced[0] = old;
                return child;
            });
            retire(replaced[0], child);
        }

        @Override
        public void remove(ThreadInfo thread) {
            if (map.remove(thread.tid, thread)) {
                thread.retired = true;
            }
        }

        /** Marks a record no longer in the map, so cursors that cached it look the tid up again. */
        private static void retire(ThreadInfo old, ThreadInfo replacement) {
            if (old != null && old != replacement) {
                old.retired = true;
            }
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public Collection<ThreadInfo> values() {
            return map.values();
        }
    }
}
