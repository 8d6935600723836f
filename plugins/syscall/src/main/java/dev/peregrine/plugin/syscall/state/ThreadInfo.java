package dev.peregrine.plugin.syscall.state;

import java.util.List;

/**
 * One thread as libsinsp tracks it ({@code syscall-state.md} §2). Mutable; parsers update it in place.
 * Process-wide attributes (fd table, cwd, env) are read through the main thread by
 * {@link ThreadTable}; accessors here return this thread's own copy.
 */
public final class ThreadInfo {

    /** Value of uid/gid/loginuid fields that were never set. */
    public static final long NO_ID = 0xFFFF_FFFFL;
    /** Text libsinsp shows for names it never learned. */
    public static final String NA = "<NA>";

    final long tid;
    long pid = -1;
    /** Volatile: an exit in another partition may re-parent this thread while its own partition reads it. */
    volatile long ptid = -1;
    long sid = -1;
    long vpgid = -1;
    long pgid = -1;
    long vtid = -1;
    long vpid = -1;
    String comm = NA;
    String exe = NA;
    String exePath = NA;
    List<String> args = List.of();
    List<String> env = List.of();
    String cwd = "/";
    long fdLimit;
    int flags;
    long uid = NO_ID;
    long gid = NO_ID;
    long loginUid = NO_ID;
    long tty;
    long cloneTs;
    long lastExecTs;
    List<String> cgroups = List.of();
    boolean exeWritable;
    boolean exeUpperLayer;
    boolean exeLowerLayer;
    boolean exeFromMemfd;
    long exeIno;
    long exeInoCtime;
    long exeInoMtime;
    long capInheritable;
    long capPermitted;
    long capEffective;
    long vmSizeKb;
    long vmRssKb;
    long vmSwapKb;
    long pageFaultsMajor;
    long pageFaultsMinor;
    long pidnsInitStartTs;
    FdTable fds = new FdTable();
    /** Placeholder made for an event of an unknown thread; later clone/execve events complete it. */
    boolean invalid;
    /** Set once a shared thread table no longer holds this record (removed or replaced). */
    volatile boolean retired;
    boolean dead;
    /** The reaper procexit named for this thread's children, -1 when none. */
    long reaperTid = -1;
    /** Type of the last enter event of this thread, -1 after its exit was handled. */
    int lastEnterType = -1;
    /** fd parameter of the last enter event, -1 when it had none. */
    long lastEnterFd = -1;
    /** Copy of the last stored enter event (TOCTOU open/connect/execve helpers), reused. */
    java.nio.ByteBuffer storedEnter;
    boolean hasStoredEnter;
    private Texts texts;
    private ContainerCache containerCache;

    ThreadInfo(long tid) {
        this.tid = tid;
    }

    public long tid() {
        return tid;
    }

    public long pid() {
        return pid;
    }

    public long ptid() {
        return ptid;
    }

    public long sid() {
        return sid;
    }

    public long vpgid() {
        return vpgid;
    }

    public long pgid() {
        return pgid;
    }

    public long vtid() {
        return vtid;
    }

    public long vpid() {
        return vpid;
    }

    /** {@code proc.name}: the kernel task name. */
    public String comm() {
        return comm;
    }

    /** {@code proc.exe}: argv[0]. */
    public String exe() {
        return exe;
    }

    public String exePath() {
        return exePath;
    }

    public List<String> args() {
        return args;
    }

    public List<String> env() {
        return env;
    }

    public long fdLimit() {
        return fdLimit;
    }

    public int flags() {
        return flags;
    }

    public long uid() {
        return uid;
    }

    public long gid() {
        return gid;
    }

    public long loginUid() {
        return loginUid;
    }

    public long tty() {
        return tty;
    }

    public long cloneTs() {
        return cloneTs;
    }

    public boolean exeWritable() {
        return exeWritable;
    }

    public boolean exeUpperLayer() {
        return exeUpperLayer;
    }

    public boolean exeLowerLayer() {
        return exeLowerLayer;
    }

    public boolean exeFromMemfd() {
        return exeFromMemfd;
    }

    public long exeIno() {
        return exeIno;
    }

    public long exeInoCtime() {
        return exeInoCtime;
    }

    public long exeInoMtime() {
        return exeInoMtime;
    }

    public long capInheritable() {
        return capInheritable;
    }

    public long capPermitted() {
        return capPermitted;
    }

    public long capEffective() {
        return capEffective;
    }

    public long vmSizeKb() {
        return vmSizeKb;
    }

    public long vmRssKb() {
        return vmRssKb;
    }

    public long vmSwapKb() {
        return vmSwapKb;
    }

    public long pageFaultsMajor() {
        return pageFaultsMajor;
    }

    public long pageFaultsMinor() {
        return pageFaultsMinor;
    }

    public long pidnsInitStartTs() {
        return pidnsInitStartTs;
    }

    public long lastExecTs() {
        return lastExecTs;
    }

    public List<String> cgroups() {
        return cgroups;
    }

    /** The container this thread runs in, from its cgroups; computed once per cgroup change. */
    public ContainerIds container() {
        ContainerCache cached = containerCache;
        List<String> current = cgroups;
        if (cached == null || cached.cgroups != current) {
            cached = new ContainerCache(current, ContainerIds.of(current));
            containerCache = cached;
        }
        return cached.ids;
    }

    public boolean isMain() {
        return tid == pid;
    }

    public boolean isInvalid() {
        return invalid;
    }

    public boolean isDead() {
        return dead;
    }

    /** {@code proc.args}: the arguments joined by single spaces; built once per change. */
    public String argsText() {
        return texts().argsText;
    }

    /** {@code proc.cmdline}: comm, then the arguments; built once per change. */
    public String cmdline() {
        return texts().cmdline;
    }

    /**
     * The renderings of the current comm and args. The cache remembers what it was built from, so a
     * reader in another partition racing an execve never keeps a stale text: at worst it builds one
     * that the next reader replaces.
     */
    private Texts texts() {
        Texts cached = texts;
        List<String> a = args;
        String c = comm;
        if (cached == null || cached.args != a || cached.comm != c) {
            String joined = String.join(" ", a);
            cached = new Texts(a, c, joined, a.isEmpty() ? c : c + " " + joined);
            texts = cached;
        }
        return cached;
    }

    /** Drops cached renderings after comm or args changed (kept for the updaters; the caches check themselves). */
    void changed() {
        texts = null;
    }

    /** Renderings of {@code args} and {@code comm}; immutable, so publishing it through a plain field is safe. */
    private record Texts(List<String> args, String comm, String argsText, String cmdline) {
    }

    /** Container ids of one cgroups list. */
    private record ContainerCache(List<String> cgroups, ContainerIds ids) {
    }

    @Override
    public String toString() {
        return "ThreadInfo[tid=" + tid + " pid=" + pid + " ptid=" + ptid + " comm=" + comm + "]";
    }
}
