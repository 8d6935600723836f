package dev.peregrine.plugin.syscall.bpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Pointer;

/**
 * Our CO-RE probe, loaded and attached: opens the object from the plugin jar's bytes, sizes
 * {@code ringbuf_maps} and creates its ring buffers, loads, fills the settings, the interesting
 * syscalls and the ring slots, attaches every program and maps every ring for reading.
 * {@link #close} detaches and frees everything. Not thread safe; {@link #drops} may be called from the
 * consumer thread while it reads the rings.
 */
public final class BpfProbe implements AutoCloseable {

    /** Where the kernel publishes its BTF; CO-RE relocations need it. */
    public static final Path VMLINUX_BTF = Path.of("/sys/kernel/btf/vmlinux");
    private static final int EPERM = 1;
    private static final int EACCES = 13;
    private static final String PRIVILEGE_HINT = " (run as root or with CAP_BPF+CAP_PERFMON)";

    private final Libbpf lib;
    private final Libbpf.Api api;
    private final List<MappedRing> mapped = new ArrayList<>();
    private final List<Pointer> links = new ArrayList<>();
    private Pointer object;
    private Pointer objectBytes;
    private int dropCountersFd = -1;
    private int dropCountersSize;
    private byte[] dropCountersValue;
    private boolean enterTracepoints;

    private BpfProbe(Libbpf lib) {
        this.lib = lib;
        this.api = lib.api();
    }

    /** Reads the probe object built into the plugin jar. */
    public static byte[] bundledObject(ClassLoader loader) throws BpfException {
        try (var in = loader.getResourceAsStream(ProbeAbi.OBJECT_RESOURCE)) {
            if (in == null) {
                throw new BpfException("the plugin was built without the eBPF probe (clang was missing at build time)");
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new BpfException("cannot read the eBPF probe from the plugin jar: " + e.getMessage());
        }
    }

    /**
     * Loads and attaches {@code object} with {@code settings}.
     *
     * @throws BpfException with a sentence naming the step and the kernel's or libbpf's reason
     */
    public static BpfProbe open(Libbpf lib, byte[] object, ProbeSettings settings) throws BpfException {
        return open(lib, object, settings, null);
    }

    /**
     * Loads and attaches {@code object} with {@code settings}, capturing only the syscalls whose x86_64
     * number is set in {@code interesting} (null: every syscall).
     *
     * @throws BpfException with a sentence naming the step and the kernel's or libbpf's reason
     */
    public static BpfProbe open(Libbpf lib, byte[] object, ProbeSettings settings, boolean[] interesting)
            throws BpfException {
        if (!Files.exists(VMLINUX_BTF)) {
            throw new BpfException("this kernel has no BTF (" + VMLINUX_BTF + " missing)");
        }
        BpfProbe probe = new BpfProbe(lib);
        try {
            probe.start(object, settings, interesting);
            return probe;
        } catch (BpfException | RuntimeException e) {
            probe.close();
            throw e;
        }
    }

    private void start(byte[] bytes, ProbeSettings settings, boolean[] interesting) throws BpfException {
        if (System.getenv("PEREGRINE_LIBBPF_LOG") == null) {
            lib.silence();
        }
        objectBytes = lib.copyToNative(bytes);
        object = api.bpf_object__open_mem(objectBytes, bytes.length, null);
        if (object == null) {
            throw new BpfException("cannot open the eBPF probe object: " + lib.describe(lib.lastErrno()));
        }
        Pointer outer = map(ProbeAbi.RINGBUF_MAPS);
        check(api.bpf_map__set_max_entries(outer, settings.partitions()), "cannot size " + ProbeAbi.RINGBUF_MAPS);
        Pointer scratch = api.bpf_object__find_map_by_name(object, ProbeAbi.SCRATCH_MAPS);
        if (scratch != null) {
            check(api.bpf_map__set_max_entries(scratch, Math.max(1, lib.possibleCpus())),
                    "cannot size " + ProbeAbi.SCRATCH_MAPS);
        }
        for (int i = 0; i < settings.partitions(); i++) {
            int fd = api.bpf_map_create(Libbpf.BPF_MAP_TYPE_RINGBUF, "peregrine_ring", 0, 0,
                    (int) settings.ringBytes(), null);
            if (fd < 0) {
                throw failure("cannot create ring buffer " + i + " of " + (settings.ringBytes() >> 20) + " MiB", fd);
            }
            try {
                mapped.add(MappedRing.map(lib, i, fd, settings.ringBytes()));
            } catch (BpfException e) {
                lib.close(fd);
                throw e;
            }
        }
        check(api.bpf_map__set_inner_map_fd(outer, mapped.get(0).fd()), "cannot set the ring buffer prototype");
        Pointer enterFallback = api.bpf_object__find_program_by_name(object, ProbeAbi.ENTER_FALLBACK_PROGRAM);
        if (enterFallback != null) {
            api.bpf_program__set_autoattach(enterFallback, false);
        }
        int loaded = api.bpf_object__load(object);
        if (loaded < 0) {
            throw failure("cannot load the eBPF probe", loaded);
        }
        writeSettings(settings);
        enableSyscalls(interesting);
        int outerFd = api.bpf_map__fd(outer);
        for (MappedRing ring : mapped) {
            update(outerFd, ring.ring().index(), intBytes(ring.fd()), "cannot register ring buffer " + ring.ring().index());
        }
        Pointer counters = map(ProbeAbi.DROP_COUNTERS_MAP);
        dropCountersFd = api.bpf_map__fd(counters);
        dropCountersSize = api.bpf_map__value_size(counters);
        dropCountersValue = new byte[((dropCountersSize + 7) & ~7) * Math.max(1, lib.possibleCpus())];
        attachAll(enterFallback);
    }

    private void writeSettings(ProbeSettings settings) throws BpfException {
        Pointer map = map(ProbeAbi.SETTINGS_MAP);
        int size = api.bpf_map__value_size(map);
        if (size < ProbeAbi.SETTINGS_MIN_SIZE) {
            throw new BpfException("the eBPF probe's " + ProbeAbi.SETTINGS_MAP + " value has " + size
                    + " bytes, this loader fills " + ProbeAbi.SETTINGS_MIN_SIZE + ": probe and loader do not match");
        }
        ByteBuffer value = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        value.putLong(ProbeAbi.SETTINGS_BOOT_TIME, settings.bootTimeNanos());
        value.putInt(ProbeAbi.SETTINGS_PARTITIONS, settings.partitions());
        value.putInt(ProbeAbi.SETTINGS_OWN_TGID, settings.ownTgid());
        value.putInt(ProbeAbi.SETTINGS_SNAPLEN, settings.snaplen());
        value.put(ProbeAbi.SETTINGS_DROP_FAILED_EXIT, (byte) (settings.dropFailedExit() ? 1 : 0));
        update(api.bpf_map__fd(map), 0, value.array(), "cannot write the probe settings");
    }

    /** Sets the slots of the syscalls to capture (the array map starts all zero: nothing captured). */
    private void enableSyscalls(boolean[] interesting) throws BpfException {
        Pointer map = map(ProbeAbi.INTERESTING_SYSCALLS_MAP);
        int fd = api.bpf_map__fd(map);
        byte[] one = new byte[api.bpf_map__value_size(map)];
        one[0] = 1;
        int count = api.bpf_map__max_entries(map);
        for (int i = 0; i < count; i++) {
            if (interesting == null || (i < interesting.length && interesting[i])) {
                update(fd, i, one, "cannot enable syscall " + i);
            }
        }
    }

    /**
     * Attaches every auto-attachable program. The per-syscall enter tracepoints need tracefs; when
     * any of them cannot be attached (or the object has none) they are all detached again and the
     * {@code tp_btf/sys_enter} fallback (the same events, run for every syscall) takes their place.
     */
    private void attachAll(Pointer enterFallback) throws BpfException {
        List<Pointer> perSyscallEnter = new ArrayList<>();
        boolean enterFailed = false;
        Pointer program = api.bpf_object__next_program(object, null);
        while (program != null) {
            if (api.bpf_program__autoattach(program)) {
                String name = api.bpf_program__name(program);
                boolean enter = name != null && name.startsWith(ProbeAbi.PER_SYSCALL_ENTER_PREFIX);
                if (!(enter && enterFailed)) {
                    Pointer link = api.bpf_program__attach(program);
                    if (link == null && enter && enterFallback != null) {
                        enterFailed = true;
                    } else if (link == null) {
                        int errno = lib.lastErrno();
                        throw new BpfException("cannot attach eBPF program " + name + ": "
                                + lib.describe(errno) + hint(errno));
                    } else {
                        links.add(link);
                        if (enter) {
                            perSyscallEnter.add(link);
                        }
                    }
                }
            }
            program = api.bpf_object__next_program(object, program);
        }
        if (enterFallback != null && (enterFailed || perSyscallEnter.isEmpty())) {
            for (Pointer link : perSyscallEnter) {
                api.bpf_link__destroy(link);
                links.remove(link);
            }
            Pointer link = api.bpf_program__attach(enterFallback);
            if (link == null) {
                int errno = lib.lastErrno();
                throw new BpfException("cannot attach eBPF program " + ProbeAbi.ENTER_FALLBACK_PROGRAM + ": "
                        + lib.describe(errno) + hint(errno));
            }
            links.add(link);
        }
        enterTracepoints = !perSyscallEnter.isEmpty() && !enterFailed;
        if (links.isEmpty()) {
            throw new BpfException("the eBPF probe has no program to attach");
        }
    }

    /** Whether the enter events come from the per-syscall tracepoints (false: the sys_enter fallback). */
    public boolean perSyscallEnter() {
        return enterTracepoints;
    }

    private Pointer map(String name) throws BpfException {
        Pointer map = api.bpf_object__find_map_by_name(object, name);
        if (map == null) {
            throw new BpfException("the eBPF probe has no map '" + name + "': probe and loader do not match");
        }
        return map;
    }

    private void update(int fd, int key, byte[] value, String what) throws BpfException {
        int result = api.bpf_map_update_elem(fd, intBytes(key), value, 0);
        if (result < 0) {
            throw failure(what, result);
        }
    }

    private void check(int result, String what) throws BpfException {
        if (result < 0) {
            throw failure(what, result);
        }
    }

    private BpfException failure(String what, int negativeError) {
        int errno = Math.abs(negativeError);
        return new BpfException(what + ": " + lib.describe(errno) + hint(errno));
    }

    private static String hint(int errno) {
        return errno == EPERM || errno == EACCES ? PRIVILEGE_HINT : "";
    }

    private static byte[] intBytes(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    /** The rings in partition order. */
    public List<RingBuffer> rings() {
        List<RingBuffer> rings = new ArrayList<>(mapped.size());
        mapped.forEach(m -> rings.add(m.ring()));
        return rings;
    }

    /** The per-CPU drop counters summed over all CPUs. */
    public DropCounters drops() throws BpfException {
        int result = api.bpf_map_lookup_elem(dropCountersFd, intBytes(0), dropCountersValue);
        if (result < 0) {
            throw failure("cannot read the drop counters", result);
        }
        int stride = (dropCountersSize + 7) & ~7;
        int fields = dropCountersSize / 8;
        long[] sums = new long[fields];
        ByteBuffer value = ByteBuffer.wrap(dropCountersValue).order(ByteOrder.LITTLE_ENDIAN);
        for (int cpu = 0; cpu * stride < dropCountersValue.length; cpu++) {
            for (int f = 0; f < fields; f++) {
                sums[f] += value.getLong(cpu * stride + f * 8);
            }
        }
        return DropCounters.of(sums);
    }

    @Override
    public void close() {
        for (Pointer link : links) {
            api.bpf_link__destroy(link);
        }
        links.clear();
        if (object != null) {
            api.bpf_object__close(object);
            object = null;
        }
        mapped.forEach(MappedRing::close);
        mapped.clear();
        objectBytes = null;
    }
}
