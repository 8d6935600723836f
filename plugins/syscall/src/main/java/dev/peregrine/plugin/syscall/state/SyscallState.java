package dev.peregrine.plugin.syscall.state;

import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
import dev.peregrine.plugin.syscall.capture.NetworkInterface;
import dev.peregrine.plugin.syscall.event.EventDirection;
import dev.peregrine.plugin.syscall.event.EventInfo;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.event.ParamInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The user-space copy of kernel state that a replay rebuilds ({@code syscall-state.md}): threads, fd
 * tables, users. {@link #apply} runs the per-event pipeline (reset, then the family's updater); between
 * two calls the state describes the event just applied, which is what field extraction reads: its
 * thread, its fd number and fd entry. Removals (closed fds, exited threads) wait for the next event.
 *
 * <p>A live capture with several partitions gives each partition its own {@link #partition() cursor}
 * over one set of shared tables (threads, users, containers): the "current event" part of this class is
 * per partition, the tables are not. See the package documentation for who may change what.
 */
public final class SyscallState {

    /** {@code fd.num} of events that use no fd. */
    public static final long NO_FD = Long.MIN_VALUE;

    static final int EF_CREATES_FD = 1;
    static final int EF_DESTROYS_FD = 2;
    static final int EF_USES_FD = 4;
    static final int EF_SKIPPARSERESET = 256;
    static final int EC_METAEVENT = 4096;

    private final EventTable table;
    private final ThreadTable threads;
    private final UserTable users;
    private final List<NetworkInterface> interfaces;
    private final long bootTimeNanos;
    private final String hostname;
    /** Per type: index of the parameter that names the event's fd, or -1. */
    private final int[] fdParam;
    private final StateUpdater[] updaters;
    /** Per type: the reset step only looks the thread up (clone exits, procexit, switch). */
    private final boolean[] lookupOnly;
    private final int[] kinds;
    /** Per type: a meta event (no thread), the container meta event, an execve or execveat event. */
    private final boolean[] meta;
    private final boolean[] container;
    private final boolean[] procinfo;
    private final boolean[] execve;
    private final boolean[] execveat;
    private final EventView enterView;
    /** Threads whose removal waits for this cursor's next event. */
    private final List<Long> pendingRemovals = new ArrayList<>();
    /** The first event time of all cursors over these tables ({@code evt.reltime}), -1 before any. */
    private final AtomicLong sharedFirstTimestamp;
    private final int partitionIndex;
    private final int partitionCount;

    private EventView event;
    private ThreadInfo thread;
    /** Partitioned cursors only: the thread of the previous event, while the table still holds it. */
    private ThreadInfo lastThread;
    private long fdNumber = NO_FD;
    private FdInfo fd;
    private boolean enterValid;
    private FdTable pendingFdTable;
    private long pendingFd;
    private long firstTimestamp = -1;
    private long previousTimestamp;
    private long lastTimestamp;
    private boolean fdNameChanged;
    private final Map<String, ContainerInfo> containers;

    /** A state seeded from a capture's tables ({@code metadata} may be null for an empty start). */
    public SyscallState(EventTable table, CaptureMetadata metadata) {
        this(table, metadata, 1);
    }

    /**
     * A state seeded from a capture's tables for {@code partitions} partitions (1: not partitioned). This
     * object is partition 0's cursor; {@link #cursor(int)} makes the others. Partition {@code k} carries the
     * processes whose tgid is {@code k} modulo {@code partitions}, as the probe routes them.
     */
    public SyscallState(EventTable table, CaptureMetadata metadata, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
        boolean partitioned = partitions > 1;
        this.partitionCount = partitions;
        this.partitionIndex = 0;
        this.table = table;
        this.threads = partitioned ? ThreadTable.shared() : new ThreadTable();
        this.containers = partitioned ? new ConcurrentHashMap<>() : new HashMap<>();
        this.sharedFirstTimestamp = partitioned ? new java.util.concurrent.atomic.AtomicLong(-1) : null;
        this.users = metadata == null ? new UserTable(List.of(), List.of())
                : new UserTable(metadata.users(), metadata.groups());
        this.interfaces = metadata == null ? List.of() : metadata.interfaces();
        this.hostname = metadata == null || metadata.machine() == null ? "" : metadata.machine().hostname();
        this.bootTimeNanos = metadata == null || metadata.machine() == null ? 0 : metadata.machine().bootTimeNanos();
        if (metadata != null) {
            threads.load(metadata.processes(), metadata.fds());
        }
        this.fdParam = new int[table.size()];
        this.updaters = new StateUpdater[table.size()];
        this.kinds = new int[table.size()];
        this.lookupOnly = new boolean[table.size()];
        Map<String, Integer> codes = new HashMap<>();
        this.meta = new boolean[table.size()];
        this.container = new boolean[table.size()];
        this.procinfo = new boolean[table.size()];
        this.execve = new boolean[table.size()];
        this.execveat = new boolean[table.size()];
        for (EventInfo info : table.events()) {
            meta[info.code()] = (info.category() & EC_METAEVENT) != 0;
            container[info.code()] = info.name().equals("container");
            procinfo[info.code()] = info.name().equals("procinfo");
            execve[info.code()] = info.name().equals("execve");
            execveat[info.code()] = info.name().equals("execveat");
            codes.put(info.enumName(), info.code());
            fdParam[info.code()] = fdParamOf(info);
            lookupOnly[info.code()] = (info.flags() & EF_SKIPPARSERESET) != 0
                    || ProcessUpdater.isLookupOnly(info.enumName());
        }
        for (StateUpdater updater : List.of(new ProcessUpdater(), new FileDescriptorUpdater(), new NetworkUpdater(),
                new ThreadAttributeUpdater())) {
            updater.handledEvents().forEach((name, kind) -> {
                Integer code = codes.get(name);
                if (code == null) {
                    throw new IllegalStateException("state updater names unknown event " + name);
                }
                updaters[code] = updater;
                kinds[code] = kind;
            });
        }
        this.enterView = new EventView(table);
    }

    /** Cursor {@code index} over {@code shared}'s tables. */
    private SyscallState(SyscallState shared, int index) {
        this.partitionIndex = index;
        this.partitionCount = shared.partitionCount;
        this.table = shared.table;
        this.threads = shared.threads;
        this.users = shared.users;
        this.interfaces = shared.interfaces;
        this.bootTimeNanos = shared.bootTimeNanos;
        this.hostname = shared.hostname;
        this.containers = shared.containers;
        this.sharedFirstTimestamp = shared.sharedFirstTimestamp;
        this.fdParam = shared.fdParam;
        this.updaters = shared.updaters;
        this.lookupOnly = shared.lookupOnly;
        this.kinds = shared.kinds;
        this.meta = shared.meta;
        this.container = shared.container;
        this.procinfo = shared.procinfo;
        this.execve = shared.execve;
        this.execveat = shared.execveat;
        this.enterView = new EventView(table);
    }

    /**
     * The cursor of partition {@code index} (1..partitions-1) over these tables: its own current event,
     * thread, fd and pending removals; the same threads, users and containers. Call on partition 0's
     * cursor, once per partition.
     */
    public SyscallState cursor(int index) {
        if (index < 1 || index >= partitionCount || partitionIndex != 0) {
            throw new IllegalArgumentException("no cursor " + index + " of " + partitionCount + " partitions here");
        }
        return new SyscallState(this, index);
    }

    /**
     * True when this cursor's partition carries the process {@code tgid}. A clone exit seen by the parent's
     * partition creates the child only then: a child of another partition creates itself from its own
     * clone exit, and a late parent-side entry could outlive the child's exit.
     */
    boolean carriesProcess(long tgid) {
        return partitionCount == 1 || Math.floorMod(tgid, (long) partitionCount) == partitionIndex;
    }

    private static int fdParamOf(EventInfo info) {
        if ((info.flags() & (EF_CREATES_FD | EF_USES_FD | EF_DESTROYS_FD)) == 0) {
            return -1;
        }
        List<ParamInfo> params = info.params();
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals("fd")) {
                return i;
            }
        }
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals("oldfd")) {
                return i;
            }
        }
        return (info.flags() & EF_CREATES_FD) != 0 && !params.isEmpty() ? 0 : -1;
    }

    /** Applies one event: removals left by the previous event, the reset step, then the updater. */
    public void apply(EventView e) {
        threads.flushRemovals(pendingRemovals);
        if (pendingFdTable != null) {
            pendingFdTable.remove(pendingFd);
            pendingFdTable = null;
        }
        long timestamp = e.timestampNanos();
        previousTimestamp = event == null ? timestamp : lastTimestamp;
        lastTimestamp = timestamp;
        fdNameChanged = false;
        event = e;
        if (firstTimestamp < 0) {
            firstTimestamp = timestamp;
            if (sharedFirstTimestamp != null) {
                // every partition counts evt.reltime from the first event any of them saw
                sharedFirstTimestamp.compareAndSet(-1, timestamp);
                firstTimestamp = sharedFirstTimestamp.get();
            }
        }
        thread = null;
        fd = null;
        fdNumber = NO_FD;
        enterValid = false;
        int type = e.type();
        if (meta[type]) {
            if (container[type] && e.paramCount() > 0) {
                String json = text(e, 0);
                ContainerInfo container = json == null ? null : ContainerInfo.fromJson(json);
                if (container != null) {
                    containers.put(container.id(), container);
                }
            } else if (procinfo[type]) {
                // libsinsp's reset looks the thread of a procinfo event up (never creates it): the
                // thread.cpu* and evt.count.procinfo fields read it
                thread = threads.get(e.tid());
            }
            return;
        }
        EventInfo info = e.info();
        long tid = e.tid();
        ThreadInfo last = lastThread;
        if (last != null && last.tid == tid && !last.retired) {
            // a partitioned table boxes its keys: consecutive events of one thread skip the lookup
            thread = last;
        } else {
            thread = lookupOnly[type] ? threads.get(tid) : threads.getOrPlaceholder(tid);
            if (partitionCount > 1) {
                lastThread = thread;
            }
        }
        if (thread == null || (info.flags() & EF_SKIPPARSERESET) != 0) {
            dispatch(e);
            return;
        }
        if (info.direction() == EventDirection.ENTER) {
            thread.lastEnterType = type;
            // a stored copy belongs to the previous enter; the updater stores this one if it needs it
            thread.hasStoredEnter = false;
            int p = fdParam[type];
            thread.lastEnterFd = p >= 0 && !e.isParamEmpty(p) ? e.paramSigned(p) : -1;
            dispatch(e);
            return;
        }
        enterValid = thread.lastEnterType == type - 1
                || (execve[type] && thread.lastEnterType >= 0 && execveat[thread.lastEnterType]);
        int p = fdParam[type];
        if (p >= 0) {
            if (!e.isParamEmpty(p)) {
                fdNumber = e.paramSigned(p);
            } else if (enterValid && thread.lastEnterFd != -1) {
                fdNumber = thread.lastEnterFd;
            } else {
                fdNumber = -1;
            }
            if (fdNumber >= 0) {
                fd = threads.fds(thread).get(fdNumber);
            }
        }
        dispatch(e);
        thread.lastEnterType = -1;
    }

    private void dispatch(EventView e) {
        StateUpdater updater = updaters[e.type()];
        if (updater != null) {
            updater.apply(this, e, kinds[e.type()]);
        }
    }

    // ---- what field extraction reads -------------------------------------------------------------

    /** The event last applied. */
    public EventView event() {
        return event;
    }

    /** The thread of the current event, or null (meta events, unknown thread of a lookup-only event). */
    public ThreadInfo thread() {
        return thread;
    }

    /** The fd number the current event refers to, or {@link #NO_FD} when its type uses no fd. */
    public long fdNumber() {
        return fdNumber;
    }

    /** The fd entry of the current event, or null when unknown or not applicable. */
    public FdInfo fd() {
        return fd;
    }

    /** Timestamp of the first event applied ({@code evt.reltime} counts from it). */
    public long firstTimestamp() {
        return firstTimestamp;
    }

    /** Timestamp of the event applied before the current one ({@code evt.deltatime}). */
    public long previousTimestamp() {
        return previousTimestamp;
    }

    /** True when the current event renamed its fd (a connect naming its socket). */
    public boolean fdNameChanged() {
        return fdNameChanged;
    }

    void markFdNameChanged() {
        fdNameChanged = true;
    }

    /** Host name of the capture's machine-info block, empty when absent. */
    public String hostname() {
        return hostname;
    }

    /** Metadata of a container id from the capture's container events, or null. */
    public ContainerInfo container(String id) {
        return containers.get(id);
    }

    public ThreadTable threads() {
        return threads;
    }

    public UserTable users() {
        return users;
    }

    public List<NetworkInterface> interfaces() {
        return interfaces;
    }

    public EventTable table() {
        return table;
    }

    // ---- helpers for the updaters -----------------------------------------------------------------

    void setCurrentThread(ThreadInfo t) {
        thread = t;
    }

    void setCurrentFd(long number, FdInfo info) {
        fdNumber = number;
        fd = info;
    }

    /** Removes thread {@code tid} (if it is dead by then) when this cursor's next event starts. */
    void removeThreadLater(long tid) {
        pendingRemovals.add(tid);
    }

    /** Removes {@code number} from {@code fds} once the current event is done. */
    void closeLater(FdTable fds, long number) {
        pendingFdTable = fds;
        pendingFd = number;
    }

    long bootTimeNanos() {
        return bootTimeNanos;
    }

    /** Keeps a copy of an enter event the exit parser needs later (§1 step 5). */
    void storeEnter(EventView e) {
        int length = e.length();
        ByteBuffer copy = thread.storedEnter;
        if (copy == null || copy.capacity() < length) {
            copy = ByteBuffer.allocate(Math.max(256, length)).order(ByteOrder.LITTLE_ENDIAN);
            thread.storedEnter = copy;
        }
        copy.put(0, e.buffer(), e.offset(), length);
        thread.hasStoredEnter = true;
    }

    /** The stored enter event of the current thread when it pairs with the current exit, else null. */
    EventView pairedEnter() {
        if (thread == null || !thread.hasStoredEnter || !enterValid) {
            return null;
        }
        EventView enter = enterView.wrap(thread.storedEnter, 0);
        int type = event.type();
        if (enter.type() == type - 1 || (event.info().name().equals("execve") && enter.info().name().equals("execveat"))) {
            return enter;
        }
        return null;
    }

    /** Parameter {@code i} as text, or null when empty; the legacy {@code (NULL)} value counts as empty. */
    static String text(EventView e, int i) {
        if (i >= e.paramCount() || e.isParamEmpty(i)) {
            return null;
        }
        String s = e.paramString(i);
        return "(NULL)".equals(s) ? null : s;
    }

    /** A NUL-separated parameter (argv, env, cgroups) as a list; trailing empty element dropped. */
    static List<String> strings(EventView e, int i) {
        int length = i < e.paramCount() ? e.paramLength(i) : 0;
        if (length == 0) {
            return List.of();
        }
        byte[] bytes = new byte[length];
        e.copyParam(i, bytes, 0);
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int k = 0; k < length; k++) {
            if (bytes[k] == 0) {
                out.add(new String(bytes, start, k - start, java.nio.charset.StandardCharsets.UTF_8));
                start = k + 1;
            }
        }
        if (start < length) {
            out.add(new String(bytes, start, length - start, java.nio.charset.StandardCharsets.UTF_8));
        }
        return List.copyOf(out);
    }

    /** Parameter {@code i} sign-extended, or {@code fallback} when empty or absent. */
    static long signed(EventView e, int i, long fallback) {
        return i < e.paramCount() && !e.isParamEmpty(i) ? e.paramSigned(i) : fallback;
    }

    /** Parameter {@code i} zero-extended, or {@code fallback} when empty or absent. */
    static long unsigned(EventView e, int i, long fallback) {
        return i < e.paramCount() && !e.isParamEmpty(i) ? e.paramUnsigned(i) : fallback;
    }

    static boolean present(EventView e, int i) {
        return i < e.paramCount() && !e.isParamEmpty(i);
    }
}
