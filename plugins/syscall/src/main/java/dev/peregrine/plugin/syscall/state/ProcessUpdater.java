package dev.peregrine.plugin.syscall.state;

import dev.peregrine.plugin.syscall.event.EventView;
import java.util.Map;
import java.util.Set;

/** Process lifecycle: clone/fork/vfork/clone3, execve/execveat and procexit ({@code syscall-state.md} §3.1–3.3). */
final class ProcessUpdater implements StateUpdater {

    private static final int CLONE = 1;
    private static final int EXECVE = 2;
    private static final int EXECVEAT = 3;
    private static final int PROCEXIT = 4;
    private static final int EXEC_ENTER = 5;

    /** {@code PPM_CL_CLONE_FILES}. */
    static final int CL_CLONE_FILES = 1;
    /** {@code PPM_CL_CLONE_THREAD}. */
    static final int CL_CLONE_THREAD = 8192;
    /** {@code PPM_CL_CLONE_VFORK}. */
    static final int CL_CLONE_VFORK = 134217728;
    /** {@code PPM_CL_CLONE_NEWPID}. */
    static final int CL_CLONE_NEWPID = 64;
    /** {@code PPM_CL_CLONE_PARENT}. */
    static final int CL_CLONE_PARENT = 256;
    /** {@code PPM_CL_CHILD_IN_PIDNS}. */
    static final int CL_CHILD_IN_PIDNS = 536870912;
    /** {@code PPM_CL_CLONE_INVERTED}: the child's own exit created the entry. */
    static final int CL_CLONE_INVERTED = 65536;

    /** {@code PPM_EXE_*} bits of the execve flags parameter. */
    private static final int EXE_WRITABLE = 1;
    private static final int EXE_UPPER_LAYER = 2;
    private static final int EXE_FROM_MEMFD = 4;
    private static final int EXE_LOWER_LAYER = 8;

    private static final Set<String> LOOKUP_ONLY = Set.of("PPME_SYSCALL_CLONE_20_X", "PPME_SYSCALL_FORK_20_X",
            "PPME_SYSCALL_VFORK_20_X", "PPME_SYSCALL_CLONE3_X", "PPME_PROCEXIT_1_E", "PPME_SCHEDSWITCH_6_E",
            "PPME_SCHEDSWITCH_1_E");

    /** Events whose thread is only looked up, never created, in the reset step. */
    static boolean isLookupOnly(String enumName) {
        return LOOKUP_ONLY.contains(enumName);
    }

    @Override
    public Map<String, Integer> handledEvents() {
        return Map.of("PPME_SYSCALL_CLONE_20_X", CLONE, "PPME_SYSCALL_FORK_20_X", CLONE,
                "PPME_SYSCALL_VFORK_20_X", CLONE, "PPME_SYSCALL_CLONE3_X", CLONE,
                "PPME_SYSCALL_EXECVE_19_X", EXECVE, "PPME_SYSCALL_EXECVEAT_X", EXECVEAT,
                "PPME_PROCEXIT_1_E", PROCEXIT,
                "PPME_SYSCALL_EXECVE_19_E", EXEC_ENTER, "PPME_SYSCALL_EXECVEAT_E", EXEC_ENTER);
    }

    @Override
    public void apply(SyscallState state, EventView e, int kind) {
        switch (kind) {
            case CLONE -> clone(state, e);
            case EXECVE, EXECVEAT -> exec(state, e, kind == EXECVEAT);
            case PROCEXIT -> exit(state, e);
            case EXEC_ENTER -> {
                if (state.thread() != null) {
                    state.storeEnter(e);
                }
            }
            default -> throw new IllegalStateException("unknown process event kind " + kind);
        }
    }

    // clone exit params: 0 res, 1 exe, 2 args, 3 tid, 4 pid, 5 ptid, 6 cwd, 7 fdlimit, 8/9 pgft,
    // 10-12 vm, 13 comm, 14 cgroups, 15 flags, 16 uid, 17 gid, 18 vtid, 19 vpid, 20 pidns_init_start_ts
    private static void clone(SyscallState state, EventView e) {
        long res = SyscallState.signed(e, 0, -1);
        if (res < 0) {
            return;
        }
        ThreadTable threads = state.threads();
        int flags = (int) SyscallState.unsigned(e, 15, 0);
        if (res == 0) {
            long tid = e.tid();
            ThreadInfo existing = threads.get(tid);
            if (existing != null && (existing.flags & CL_CLONE_INVERTED) != 0 && !existing.invalid
                    && existing.cloneTs != 0) {
                state.setCurrentThread(existing);
                return;
            }
            ThreadInfo child = new ThreadInfo(tid);
            child.pid = SyscallState.signed(e, 4, tid);
            child.ptid = SyscallState.signed(e, 5, -1);
            child.vtid = SyscallState.signed(e, 18, tid);
            child.vpid = SyscallState.signed(e, 19, -1);
            child.flags = flags | CL_CLONE_INVERTED;
            boolean thread = (flags & CL_CLONE_THREAD) != 0;
            ThreadInfo source = threads.get(thread ? child.pid : child.ptid);
            fill(child, e, source, !thread, threads);
            if (thread) {
                child.flags |= CL_CLONE_FILES;
            }
            pidNamespace(child, e, flags, state.bootTimeNanos());
            threads.put(child);
            state.setCurrentThread(child);
            return;
        }
        ThreadInfo caller = state.thread();
        if (caller == null) {
            return;
        }
        if (caller.invalid) {
            caller.pid = SyscallState.signed(e, 4, caller.pid);
            caller.ptid = SyscallState.signed(e, 5, caller.ptid);
            caller.vtid = SyscallState.signed(e, 18, caller.tid);
            caller.vpid = SyscallState.signed(e, 19, caller.pid);
            caller.invalid = false;
        }
        boolean otherNamespace = (flags & (CL_CHILD_IN_PIDNS | CL_CLONE_NEWPID | CL_CLONE_PARENT)) != 0
                || (caller.vtid >= 0 && caller.vtid != caller.tid);
        boolean vfork = e.info().enumName().equals("PPME_SYSCALL_VFORK_20_X") || (flags & CL_CLONE_VFORK) != 0;
        ThreadInfo existing = threads.get(res);
        if (otherNamespace || vfork || (existing != null && (existing.flags & CL_CLONE_INVERTED) != 0)) {
            return;
        }
        boolean thread = (flags & CL_CLONE_THREAD) != 0;
        if (!thread && !state.carriesProcess(res)) {
            return; // the new process's own partition creates it from the child's clone exit
        }
        ThreadInfo child = new ThreadInfo(res);
        if (thread) {
            child.pid = caller.pid;
            child.ptid = caller.ptid;
            child.flags = flags | CL_CLONE_FILES;
        } else {
            child.pid = res;
            child.ptid = caller.tid;
            child.flags = flags;
        }
        child.vtid = child.tid;
        child.vpid = child.pid;
        fill(child, e, caller, !thread, threads);
        child.pidnsInitStartTs = state.bootTimeNanos();
        // the child's partition may have stored it from its own clone exit meanwhile
        threads.putFromParent(child);
    }

    /** Attributes a new thread takes from its event and from its parent (process) or leader (thread). */
    private static void fill(ThreadInfo child, EventView e, ThreadInfo source, boolean newProcess, ThreadTable threads) {
        if (source != null) {
            child.exePath = source.exePath;
            child.sid = source.sid;
            child.vpgid = source.vpgid;
            child.pgid = source.pgid;
            child.tty = source.tty;
            child.loginUid = source.loginUid;
            child.lastExecTs = source.lastExecTs;
            child.exeWritable = source.exeWritable;
            child.exeUpperLayer = source.exeUpperLayer;
            child.exeLowerLayer = source.exeLowerLayer;
            child.exeFromMemfd = source.exeFromMemfd;
            child.exeIno = source.exeIno;
            child.exeInoCtime = source.exeInoCtime;
            child.exeInoMtime = source.exeInoMtime;
            child.capInheritable = source.capInheritable;
            child.capPermitted = source.capPermitted;
            child.capEffective = source.capEffective;
            if (newProcess) {
                ThreadInfo main = threads.mainThread(source);
                child.fds = main.fds.copy();
                child.cwd = main.cwd;
                child.env = main.env;
            }
        }
        String exe = SyscallState.text(e, 1);
        child.exe = exe == null ? ThreadInfo.NA : exe;
        String comm = SyscallState.text(e, 13);
        child.comm = comm == null ? child.exe : comm;
        child.args = SyscallState.strings(e, 2);
        child.fdLimit = SyscallState.signed(e, 7, 0);
        memory(child, e, 8);
        child.uid = SyscallState.unsigned(e, 16, child.uid);
        child.gid = SyscallState.unsigned(e, 17, child.gid);
        if (SyscallState.present(e, 14)) {
            child.cgroups = SyscallState.strings(e, 14);
        } else if (source != null) {
            child.cgroups = source.cgroups;
        }
        if (source == null) {
            String cwd = SyscallState.text(e, 6);
            if (cwd != null) {
                child.cwd = PathResolver.asDirectory(cwd);
            }
        }
        child.cloneTs = e.timestampNanos();
        child.changed();
    }

    /** Start of the child's pid namespace: the namespace init's start (boot relative) or the boot time. */
    private static void pidNamespace(ThreadInfo child, EventView e, int flags, long bootTime) {
        boolean childNamespace = (flags & (CL_CHILD_IN_PIDNS | CL_CLONE_NEWPID)) != 0
                || (child.vtid >= 0 && child.vtid != child.tid);
        child.pidnsInitStartTs = childNamespace ? SyscallState.unsigned(e, 20, 0) + bootTime : bootTime;
    }

    // execve exit params: 0 res, 1 exe, 2 args, 3 tid, 4 pid, 5 ptid, 6 cwd, 7 fdlimit, 13 comm,
    // 14 cgroups, 15 env, 16 tty, 17 vpgid, 18 loginuid, 19 flags, 26 uid, 27 trusted_exepath, 28 pgid,
    // 29 gid, 30 filename (execve only)
    private static void exec(SyscallState state, EventView e, boolean at) {
        ThreadInfo t = state.thread();
        long res = SyscallState.signed(e, 0, -1);
        if (t == null || res < 0) {
            return;
        }
        ThreadTable threads = state.threads();
        t.dead = false;
        String exe = SyscallState.text(e, 1);
        t.exe = exe == null ? ThreadInfo.NA : exe;
        String comm = SyscallState.text(e, 13);
        t.comm = comm == null ? t.exe : comm;
        t.args = SyscallState.strings(e, 2);
        t.pid = SyscallState.signed(e, 4, t.pid);
        t.lastExecTs = e.timestampNanos();
        if (t.invalid) {
            t.ptid = SyscallState.signed(e, 5, t.ptid);
            t.vtid = t.tid;
            t.vpid = t.pid;
            t.invalid = false;
            if (t.isMain()) {
                String cwd = SyscallState.text(e, 6);
                if (cwd != null) {
                    t.cwd = PathResolver.asDirectory(cwd);
                }
            }
        }
        t.fdLimit = SyscallState.signed(e, 7, t.fdLimit);
        memory(t, e, 8);
        ThreadInfo main = threads.mainThread(t);
        if (SyscallState.present(e, 15)) {
            main.env = SyscallState.strings(e, 15);
        }
        if (SyscallState.present(e, 14)) {
            t.cgroups = SyscallState.strings(e, 14);
        }
        t.tty = SyscallState.signed(e, 16, t.tty);
        t.vpgid = SyscallState.signed(e, 17, t.vpgid);
        t.loginUid = SyscallState.unsigned(e, 18, t.loginUid);
        t.uid = SyscallState.unsigned(e, 26, t.uid);
        t.gid = SyscallState.unsigned(e, 29, t.gid);
        t.pgid = SyscallState.signed(e, 28, -1);
        if (SyscallState.present(e, 19)) {
            long exeFlags = SyscallState.unsigned(e, 19, 0);
            t.exeWritable = (exeFlags & EXE_WRITABLE) != 0;
            t.exeUpperLayer = (exeFlags & EXE_UPPER_LAYER) != 0;
            t.exeFromMemfd = (exeFlags & EXE_FROM_MEMFD) != 0;
            t.exeLowerLayer = (exeFlags & EXE_LOWER_LAYER) != 0;
        }
        t.capInheritable = SyscallState.unsigned(e, 20, t.capInheritable);
        t.capPermitted = SyscallState.unsigned(e, 21, t.capPermitted);
        t.capEffective = SyscallState.unsigned(e, 22, t.capEffective);
        t.exeIno = SyscallState.unsigned(e, 23, t.exeIno);
        t.exeInoCtime = SyscallState.unsigned(e, 24, t.exeInoCtime);
        t.exeInoMtime = SyscallState.unsigned(e, 25, t.exeInoMtime);
        t.exePath = exePath(state, e, t, at);
        main.fds.removeCloseOnExec();
        for (ThreadInfo other : threads.all()) {
            if (other != t && other.pid == t.pid && other.tid != other.pid) {
                other.dead = true;
                state.removeThreadLater(other.tid);
            }
        }
        t.changed();
    }

    private static String exePath(SyscallState state, EventView e, ThreadInfo t, boolean at) {
        String trusted = SyscallState.text(e, 27);
        if (trusted != null) {
            return trusted;
        }
        String cwd = state.threads().cwd(t);
        if (!at) {
            String filename = SyscallState.text(e, 30);
            if (filename == null) {
                EventView enter = state.pairedEnter();
                filename = enter == null ? null : SyscallState.text(enter, 0);
            }
            return filename == null ? t.exePath : PathResolver.normalize(cwd, filename);
        }
        EventView enter = state.pairedEnter();
        if (enter == null) {
            return t.exePath;
        }
        String path = SyscallState.text(enter, 1);
        long dirfd = SyscallState.signed(enter, 0, -100);
        if (path == null) {
            return t.exePath;
        }
        return PathResolver.normalize(FileDescriptorUpdater.directoryOf(state, t, dirfd, path), path);
    }

    /** pgft_maj, pgft_min, vm_size, vm_rss, vm_swap starting at parameter {@code first}, when present. */
    private static void memory(ThreadInfo t, EventView e, int first) {
        if (!SyscallState.present(e, first + 4)) {
            return;
        }
        t.pageFaultsMajor = SyscallState.unsigned(e, first, 0);
        t.pageFaultsMinor = SyscallState.unsigned(e, first + 1, 0);
        t.vmSizeKb = SyscallState.unsigned(e, first + 2, 0);
        t.vmRssKb = SyscallState.unsigned(e, first + 3, 0);
        t.vmSwapKb = SyscallState.unsigned(e, first + 4, 0);
    }

    private static void exit(SyscallState state, EventView e) {
        ThreadInfo t = state.thread();
        if (t == null) {
            return;
        }
        t.dead = true;
        t.reaperTid = SyscallState.signed(e, 4, -1);
        state.removeThreadLater(t.tid);
    }
}
