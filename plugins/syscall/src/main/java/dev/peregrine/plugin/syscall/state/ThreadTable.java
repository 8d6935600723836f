package dev.peregrine.plugin.syscall.state;

import dev.peregrine.plugin.syscall.capture.FdEntry;
import dev.peregrine.plugin.syscall.capture.ProcessEntry;
import java.util.Collection;
import java.util.List;

/**
 * Every known thread by tid, with thread-group and parent lookups ({@code syscall-state.md} §2). The fd
 * table, cwd and environment of a process live on its main thread; the lookups here go through it.
 *
 * <p>A {@link #shared() shared} table serves the partitions of a live capture at once: each partition
 * writes the threads of the processes its ring carries and reads everyone's (see the package notes).
 */
public final class ThreadTable {

    /** Longest ancestor walk; guards against ptid loops in corrupt or reused-tid state. */
    static final int MAX_ANCESTRY = 256;

    private final ThreadMap threads;

    /** A table for one reading thread. */
    public ThreadTable() {
        this(new ThreadMap.Local());
    }

    private ThreadTable(ThreadMap threads) {
        this.threads = threads;
    }

    /** A table several partition threads update and read concurrently. */
    static ThreadTable shared() {
        return new ThreadTable(new ThreadMap.Shared());
    }

    /** The thread of {@code tid}, or null. */
    public ThreadInfo get(long tid) {
        return threads.get(tid);
    }

    /** Number of threads. */
    public int size() {
        return threads.size();
    }

    /** Every thread (live view). */
    public Collection<ThreadInfo> all() {
        return threads.values();
    }

    void put(ThreadInfo thread) {
        threads.put(thread);
    }

    /** Stores a child its parent's clone exit announced, unless the child's own clone exit came first. */
    void putFromParent(ThreadInfo child) {
        threads.putUnlessInverted(child);
    }

    /** The thread of {@code tid}, created as an invalid placeholder when unknown (§1 step 2). */
    ThreadInfo getOrPlaceholder(long tid) {
        ThreadInfo thread = threads.get(tid);
        if (thread == null) {
            thread = new ThreadInfo(tid);
            // libsinsp's fake entry takes the tid as pid so the thread is its own process (sysdig agrees)
            thread.pid = tid;
            thread.invalid = true;
            // another partition may have stored the thread meanwhile (its parent's clone exit)
            thread = threads.putIfAbsent(thread);
        }
        return thread;
    }

    /** The main thread of {@code thread}'s process (itself when it is the main thread or the leader is unknown). */
    public ThreadInfo mainThread(ThreadInfo thread) {
        if (thread.isMain() || thread.pid < 0) {
            return thread;
        }
        ThreadInfo main = threads.get(thread.pid);
        return main == null ? thread : main;
    }

    /** The fd table shared by {@code thread}'s process. */
    public FdTable fds(ThreadInfo thread) {
        return mainThread(thread).fds;
    }

    /** The process's working directory, always ending with {@code /}. */
    public String cwd(ThreadInfo thread) {
        return mainThread(thread).cwd;
    }

    /** The process's environment. */
    public List<String> env(ThreadInfo thread) {
        return mainThread(thread).env;
    }

    /**
     * Ancestor {@code n} of {@code thread}'s process: 0 is its main thread, 1 the parent's main thread...
     * Null when the chain ends (unknown ptid) before.
     */
    public ThreadInfo ancestor(ThreadInfo thread, int n) {
        ThreadInfo current = mainThread(thread);
        for (int i = 0; i < n; i++) {
            if (current.ptid < 0 || i >= MAX_ANCESTRY) {
                return null;
            }
            ThreadInfo parent = threads.get(current.ptid);
            if (parent == null || parent == current) {
                return null;
            }
            current = mainThread(parent);
        }
        return current;
    }

    /**
     * Applies removals a previous event scheduled ({@code tids}, then cleared): the removal waits for the
     * next event so that fields still see an exiting thread. Each partition keeps its own list.
     */
    void flushRemovals(List<Long> tids) {
        if (tids.isEmpty()) {
            return;
        }
        for (long tid : tids) {
            ThreadInfo thread = threads.get(tid);
            if (thread != null && thread.dead) {
                remove(thread);
            }
        }
        tids.clear();
    }

    private void remove(ThreadInfo thread) {
        if (thread.isMain()) {
            for (ThreadInfo other : threads.values()) {
                if (other != thread && other.pid == thread.pid && !other.dead) {
                    return; // a group leader stays (dead) while its threads live
                }
            }
        }
        threads.remove(thread);
        // orphans go to the reaper procexit named, else to the closest living ancestor, so lineage stays meaningful
        long reaper = thread.reaperTid > 0 && threads.get(thread.reaperTid) != null ? thread.reaperTid
                : livingAncestor(thread);
        for (ThreadInfo child : threads.values()) {
            if (child.ptid == thread.tid) {
                child.ptid = reaper;
            }
        }
        if (!thread.isMain()) {
            ThreadInfo leader = threads.get(thread.pid);
            if (leader != null && leader.dead) {
                remove(leader); // the last thread of a group whose leader already exited
            }
        }
    }

    /** The tid of the nearest ancestor of {@code thread} that has not exited, or its ptid when none is known. */
    private long livingAncestor(ThreadInfo thread) {
        long ptid = thread.ptid;
        for (int i = 0; i < MAX_ANCESTRY; i++) {
            ThreadInfo parent = threads.get(ptid);
            if (parent == null || !parent.dead) {
                return ptid;
            }
            if (parent.ptid == ptid) {
                return ptid;
            }
            ptid = parent.ptid;
        }
        return ptid;
    }

    /** Creates the threads and fds of a capture's process and fd lists (§2.1). */
    void load(List<ProcessEntry> processes, List<FdEntry> fds) {
        for (ProcessEntry p : processes) {
            ThreadInfo t = new ThreadInfo(p.tid());
            t.pid = p.pid();
            t.ptid = p.ptid();
            t.sid = p.sid();
            t.vpgid = p.vpgid();
            t.pgid = p.pgid();
            t.vtid = p.vtid();
            t.vpid = p.vpid();
            t.comm = p.comm();
            t.exe = p.exe();
            t.exePath = p.exePath();
            t.args = p.args();
            t.env = p.env();
            t.cwd = PathResolver.asDirectory(p.cwd());
            t.fdLimit = p.fdLimit();
            t.flags = p.flags();
            t.uid = p.uid();
            t.gid = p.gid();
            t.loginUid = p.loginUid();
            t.tty = p.tty();
            t.cgroups = p.cgroups();
            t.exeWritable = p.exeWritable();
            t.exeUpperLayer = p.exeUpperLayer();
            t.exeLowerLayer = p.exeLowerLayer();
            t.exeFromMemfd = p.exeFromMemfd();
            t.exeIno = p.exeInode();
            t.exeInoCtime = p.exeInodeCtimeNanos();
            t.exeInoMtime = p.exeInodeMtimeNanos();
            t.capInheritable = p.capInheritable();
            t.capPermitted = p.capPermitted();
            t.capEffective = p.capEffective();
            t.vmSizeKb = p.vmSizeKb();
            t.vmRssKb = p.vmRssKb();
            t.vmSwapKb = p.vmSwapKb();
            t.pageFaultsMajor = p.pageFaultsMajor();
            t.pageFaultsMinor = p.pageFaultsMinor();
            t.pidnsInitStartTs = p.pidNamespaceInitStartNanos();
            threads.put(t);
        }
        for (FdEntry entry : fds) {
            ThreadInfo owner = threads.get(entry.tid());
            if (owner == null) {
                owner = getOrPlaceholder(entry.tid());
            }
            owner.fds.put(entry.fd(), FdEntries.toInfo(entry));
        }
    }
}
