package dev.peregrine.plugin.syscall.capture;

import java.util.List;
import java.util.Objects;

/**
 * One thread of a process-list block, with the defaults of the spec for fields its block version lacks
 * (-1 for the virtual and session ids, {@code 0xFFFFFFFF} for loginuid, 0 or empty otherwise).
 *
 * @param tid            host thread id
 * @param pid            host process id
 * @param ptid           parent thread id
 * @param sid            session id (v6+)
 * @param vpgid          process group id in its pid namespace (v8+)
 * @param comm           command name
 * @param exe            argv[0]
 * @param exePath        full executable path (v7+)
 * @param args           argv[1..]
 * @param cwd            working directory
 * @param fdLimit        fd limit
 * @param flags          {@code PPM_CL_*} flags
 * @param uid            user id
 * @param gid            group id
 * @param vmSizeKb       virtual memory size (v2+)
 * @param vmRssKb        resident set size (v2+)
 * @param vmSwapKb       swapped memory (v2+)
 * @param pageFaultsMajor major page faults (v2+)
 * @param pageFaultsMinor minor page faults (v2+)
 * @param env            environment entries (v3+)
 * @param vtid           thread id in its pid namespace (v4+)
 * @param vpid           process id in its pid namespace (v4+)
 * @param cgroups        {@code subsys=path} entries (v4+)
 * @param root           root directory (v5+)
 * @param pidNamespaceInitStartNanos start time of the namespace's init (v9)
 * @param tty            controlling terminal (v9)
 * @param loginUid       audit login uid (v9; {@code 0xFFFFFFFF} when absent)
 * @param exeWritable    the executable is writable by the thread's user (v9)
 * @param capInheritable inheritable capability set (v9)
 * @param capPermitted   permitted capability set (v9)
 * @param capEffective   effective capability set (v9)
 * @param exeUpperLayer  executable lives in an overlayfs upper layer (v9)
 * @param exeInode       executable inode number (v9)
 * @param exeInodeCtimeNanos executable inode change time (v9)
 * @param exeInodeMtimeNanos executable modification time (v9)
 * @param exeFromMemfd   executable is a memfd (v9)
 * @param exeLowerLayer  executable lives in an overlayfs lower layer (v9)
 * @param pgid           process group id (v9)
 */
public record ProcessEntry(
        long tid, long pid, long ptid, long sid, long vpgid,
        String comm, String exe, String exePath, List<String> args, String cwd,
        long fdLimit, int flags, long uid, long gid,
        long vmSizeKb, long vmRssKb, long vmSwapKb, long pageFaultsMajor, long pageFaultsMinor,
        List<String> env, long vtid, long vpid, List<String> cgroups, String root,
        long pidNamespaceInitStartNanos, long tty, long loginUid, boolean exeWritable,
        long capInheritable, long capPermitted, long capEffective, boolean exeUpperLayer,
        long exeInode, long exeInodeCtimeNanos, long exeInodeMtimeNanos, boolean exeFromMemfd,
        boolean exeLowerLayer, long pgid) {

    public ProcessEntry {
        Objects.requireNonNull(comm, "comm");
        Objects.requireNonNull(exe, "exe");
        Objects.requireNonNull(exePath, "exePath");
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(root, "root");
        args = List.copyOf(args);
        env = List.copyOf(env);
        cgroups = List.copyOf(cgroups);
    }
}
