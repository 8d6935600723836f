package dev.peregrine.plugin.syscall.bpf;

import com.kenai.jffi.MemoryIO;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.off_t;
import jnr.ffi.types.size_t;

/**
 * The one place that binds native code: libbpf ({@code libbpf.so.1}) and the few libc calls the live
 * engine needs, through jnr-ffi. Everything above it ({@link BpfProbe}, {@link MappedRing}) deals in
 * Java values and sentences; nothing else in the plugin touches jnr types.
 */
public final class Libbpf {

    /** {@code BPF_MAP_TYPE_RINGBUF} from the kernel's {@code enum bpf_map_type}. */
    public static final int BPF_MAP_TYPE_RINGBUF = 27;

    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_SHARED = 1;
    private static final long MAP_FAILED = -1L;
    private static final int SC_PAGESIZE = 30;
    private static final int CLOCK_REALTIME = 0;
    private static final int CLOCK_BOOTTIME = 7;
    private static final int SC_NPROCESSORS_ONLN = 84;

    /** The libbpf 1.x functions we call (raw C signatures). */
    public interface Api {
        Pointer bpf_object__open_mem(Pointer objBuf, @size_t long objBufSize, Pointer opts);

        int bpf_object__load(Pointer obj);

        void bpf_object__close(Pointer obj);

        Pointer bpf_object__find_map_by_name(Pointer obj, String name);

        Pointer bpf_object__next_program(Pointer obj, Pointer previous);

        String bpf_program__name(Pointer prog);

        boolean bpf_program__autoattach(Pointer prog);

        void bpf_program__set_autoattach(Pointer prog, boolean autoattach);

        Pointer bpf_object__find_program_by_name(Pointer obj, String name);

        Pointer bpf_program__attach(Pointer prog);

        int bpf_link__destroy(Pointer link);

        int bpf_map__set_max_entries(Pointer map, int maxEntries);

        int bpf_map__set_inner_map_fd(Pointer map, int fd);

        int bpf_map__fd(Pointer map);

        int bpf_map__value_size(Pointer map);

        int bpf_map__max_entries(Pointer map);

        int bpf_map_create(int mapType, String name, int keySize, int valueSize, int maxEntries, Pointer opts);

        int bpf_map_update_elem(int fd, @In byte[] key, @In byte[] value, long flags);

        int bpf_map_lookup_elem(int fd, @In byte[] key, @Out byte[] value);

        int libbpf_num_possible_cpus();

        int libbpf_strerror(int err, @Out byte[] buf, @size_t long size);

        Pointer libbpf_set_print(Pointer fn);
    }

    /** The libc calls: memory mapping, descriptors, errno text, identity and sizes. */
    public interface LibC {
        // Pointer and off_t typed: with plain longs jnr-ffi passed a garbage offset (glibc said EINVAL).
        Pointer mmap(Pointer addr, @size_t long length, int prot, int flags, int fd, @off_t long offset);

        int munmap(Pointer addr, @size_t long length);

        int close(int fd);

        String strerror(int errnum);

        int getpid();

        long sysconf(int name);

        int clock_gettime(int clock, @Out long[] timespec);

        // For the kmod engine's devices (/dev/falcoN): open(2) and ioctl(2). The ioctl argument is a
        // pointer-sized value: either a number (syscall id, snaplen) or the address of a u64 to fill.
        int open(String path, int flags);

        int ioctl(int fd, long request, Pointer arg);
    }

    private final Api api;
    private final LibC libc;
    private final Runtime runtime;

    private Libbpf(Api api, LibC libc) {
        this.api = api;
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
    }

    /**
     * Binds libbpf and libc.
     *
     * @throws BpfException when libbpf 1.x is not installed
     */
    public static Libbpf load() throws BpfException {
        LibC libc;
        try {
            libc = LibraryLoader.create(LibC.class).option(LibraryOption.SaveError, true)
                    .failImmediately().load("c");
        } catch (LinkageError | RuntimeException e) {
            throw new BpfException("cannot bind the C library through jnr-ffi: " + e.getMessage());
        }
        Api api;
        try {
            // By soname: the runtime package (libbpf1) has no unversioned libbpf.so, only libbpf-dev does.
            api = LibraryLoader.create(Api.class).option(LibraryOption.SaveError, true)
                    .failImmediately().load("libbpf.so.1");
        } catch (LinkageError | RuntimeException e) {
            throw new BpfException("libbpf 1.x is not installed (install the libbpf1 package): " + e.getMessage());
        }
        return new Libbpf(api, libc);
    }

    /** The raw libbpf binding, for {@link BpfProbe}. */
    Api api() {
        return api;
    }

    /** Silences libbpf's own stderr messages: failures are reported as sentences instead. */
    void silence() {
        api.libbpf_set_print(null);
    }

    /** The errno of the last native call on this thread. */
    int lastErrno() {
        return runtime.getLastError();
    }

    /** libbpf's text for an error number (positive or negative), e.g. "Operation not permitted". */
    String describe(int error) {
        byte[] text = new byte[256];
        if (api.libbpf_strerror(Math.abs(error), text, text.length) < 0) {
            String fromLibc = libc.strerror(Math.abs(error));
            return fromLibc == null ? "error " + Math.abs(error) : fromLibc;
        }
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Copies {@code bytes} into native memory that stays valid as long as the returned pointer is reachable. */
    Pointer copyToNative(byte[] bytes) {
        Pointer memory = jnr.ffi.Memory.allocateDirect(runtime, bytes.length);
        memory.put(0, bytes, 0, bytes.length);
        return memory;
    }

    /**
     * Maps {@code length} bytes of {@code fd} at {@code offset}, shared.
     *
     * @return the address
     * @throws BpfException with errno's text when the kernel refuses
     */
    long mmap(int fd, long length, boolean writable, long offset, String what) throws BpfException {
        int prot = writable ? PROT_READ | PROT_WRITE : PROT_READ;
        Pointer mapped = libc.mmap(null, length, prot, MAP_SHARED, fd, offset);
        long address = mapped == null ? 0 : mapped.address();
        if (address == MAP_FAILED || address == 0) {
            int errno = lastErrno();
            throw new BpfException("cannot map " + what + ": " + describe(errno));
        }
        return address;
    }

    /** Unmaps a region mapped by {@link #mmap}. */
    void munmap(long address, long length) {
        libc.munmap(Pointer.wrap(runtime, address), length);
    }

    /** Closes a file descriptor (a map created by {@code bpf_map_create}). */
    void close(int fd) {
        if (fd >= 0) {
            libc.close(fd);
        }
    }

    /** Our process id (tgid), which the probe skips. */
    public int getpid() {
        return libc.getpid();
    }

    /** The page size, which lays out the ring buffer mappings. */
    public int pageSize() {
        return (int) libc.sysconf(SC_PAGESIZE);
    }

    /** Online CPUs: the default number of ring buffers. */
    public int onlineCpus() {
        return (int) Math.max(1, libc.sysconf(SC_NPROCESSORS_ONLN));
    }

    /** Possible CPUs: the number of slots a per-CPU map value has. */
    int possibleCpus() {
        return api.libbpf_num_possible_cpus();
    }

    /** The boot time in ns since the epoch: the realtime clock minus the boot clock (which counts suspend). */
    public long bootTimeNanos() {
        long[] real = new long[2];
        long[] boot = new long[2];
        libc.clock_gettime(CLOCK_BOOTTIME, boot);
        libc.clock_gettime(CLOCK_REALTIME, real);
        return (real[0] - boot[0]) * 1_000_000_000L + (real[1] - boot[1]);
    }

    /** A little-endian direct buffer over native memory that someone else owns (a mapping). */
    static ByteBuffer view(long address, int length) {
        return MemoryIO.getInstance().newDirectByteBuffer(address, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    // ---- libc only: the kmod engine's devices. These report failures as -errno, the caller words them.

    private Libbpf(LibC libc) {
        this(null, libc);
    }

    /**
     * Binds only the C library, for callers that need no libbpf (the kernel module engine); {@link #api()}
     * is then unusable.
     *
     * @throws BpfException when jnr-ffi cannot bind libc
     */
    public static Libbpf loadLibc() throws BpfException {
        try {
            return new Libbpf(LibraryLoader.create(LibC.class).option(LibraryOption.SaveError, true)
                    .failImmediately().load("c"));
        } catch (LinkageError | RuntimeException e) {
            throw new BpfException("cannot bind the C library through jnr-ffi: " + e.getMessage());
        }
    }

    /** {@code open(path, flags)}: the descriptor, or -errno. */
    public int openPath(String path, int flags) {
        int fd = libc.open(path, flags);
        return fd >= 0 ? fd : -lastErrno();
    }

    /** {@code ioctl(fd, request, value)} with a plain number argument: the result, or -errno. */
    public int ioctlValue(int fd, long request, long value) {
        int rc = libc.ioctl(fd, request, value == 0 ? null : Pointer.wrap(runtime, value));
        return rc >= 0 ? rc : -lastErrno();
    }

    /** {@code ioctl(fd, request, &u64)}: stores the u64 the kernel wrote in {@code out[0]}; 0 or -errno. */
    public int ioctlReadLong(int fd, long request, long[] out) {
        Pointer memory = jnr.ffi.Memory.allocateDirect(runtime, 8);
        memory.putLong(0, 0);
        int rc = libc.ioctl(fd, request, memory);
        if (rc < 0) {
            return -lastErrno();
        }
        out[0] = memory.getLong(0);
        return rc;
    }

    /** {@code mmap(NULL, length, prot, MAP_SHARED, fd, offset)}: the address, or -errno. */
    public long mapShared(int fd, long length, boolean writable, long offset) {
        int prot = writable ? PROT_READ | PROT_WRITE : PROT_READ;
        Pointer mapped = libc.mmap(null, length, prot, MAP_SHARED, fd, offset);
        long address = mapped == null ? 0 : mapped.address();
        if (address == MAP_FAILED || address == 0) {
            return -lastErrno();
        }
        return address;
    }

    /** Unmaps a region returned by {@link #mapShared}. */
    public void unmap(long address, long length) {
        munmap(address, length);
    }

    /** Closes a descriptor returned by {@link #openPath}. */
    public void closeFd(int fd) {
        close(fd);
    }

    /** libc's text for an errno, e.g. "Device or resource busy". */
    public String errorText(int errno) {
        String text = libc.strerror(Math.abs(errno));
        return text == null ? "error " + Math.abs(errno) : text;
    }

    /** A little-endian direct buffer over a mapping returned by {@link #mapShared}. */
    public static ByteBuffer nativeView(long address, int length) {
        return view(address, length);
    }
}
