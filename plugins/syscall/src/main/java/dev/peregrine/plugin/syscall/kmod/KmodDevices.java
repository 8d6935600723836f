package dev.peregrine.plugin.syscall.kmod;

import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.syscall.bpf.BpfException;
import dev.peregrine.plugin.syscall.bpf.Libbpf;
import dev.peregrine.plugin.syscall.event.EventTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel module's per-CPU devices opened, version-checked, mapped and configured the way libscap's
 * kmod engine does it: at open every device's API and schema versions are checked and its ring mapped
 * (data {@code 2 × size} read-only, then the info page read-write, both at offset 0: the module tells the
 * two apart by length); then dropping mode off, snaplen, drop-failed, and at start every syscall switched
 * off before the selected ones and the tracepoints they need are switched on. Configuration ioctls go to
 * the first device, which applies them to this consumer. Closing switches capture off and unmaps.
 */
public final class KmodDevices implements AutoCloseable {

    /** One opened device and its two mappings. */
    record Device(String path, int fd, long dataAddress, long dataLength, long infoAddress, long infoLength,
                  DeviceRing ring) {
    }

    private final DeviceIo io;
    private final List<Device> devices;
    private final KmodSettings settings;
    private boolean capturing;
    private boolean closed;

    private KmodDevices(DeviceIo io, List<Device> devices, KmodSettings settings) {
        this.io = io;
        this.devices = devices;
        this.settings = settings;
    }

    /**
     * Opens, checks, maps and configures the module's devices through libc and starts capturing.
     *
     * @throws PluginException with a sentence when the module is missing, busy, not ours to open, of an
     *                         incompatible version or refuses a mapping or a setting
     */
    public static KmodDevices open(KmodSettings settings) throws PluginException {
        KmodCapture.requireLoaded(settings.deviceDir(), settings.deviceName());
        Libbpf libc;
        try {
            libc = Libbpf.loadLibc();
        } catch (BpfException e) {
            throw new PluginException("cannot open the kmod engine: " + e.getMessage());
        }
        return open(settings, new NativeDeviceIo(libc), EventTable.standard());
    }

    /**
     * Opens, checks, maps and configures every device and starts capturing.
     *
     * @throws PluginException with a sentence when the module is missing, busy, not ours to open, of an
     *                         incompatible version or refuses a mapping or a setting
     */
    static KmodDevices open(KmodSettings settings, DeviceIo io, EventTable table) throws PluginException {
        KmodCapture.requireLoaded(settings.deviceDir(), settings.deviceName());
        long size = settings.bufferBytes();
        if (size < 3 * 4096 || Long.bitCount(size) != 1 || size > (1L << 30)) {
            throw new PluginException("kernel module ring buffer size " + size
                    + " must be a power of two of more than two pages and at most 1 GiB");
        }
        enforceBufferSize(settings);
        List<Device> devices = new ArrayList<>();
        KmodDevices opened = new KmodDevices(io, devices, settings);
        try {
            DriverVersion api = null;
            DriverVersion schema = null;
            for (int cpu = 0; Files.exists(settings.deviceDir().resolve(settings.deviceName() + cpu)); cpu++) {
                String path = settings.deviceDir().resolve(settings.deviceName() + cpu).toString();
                int fd = io.open(path);
                if (fd == -DeviceIo.ENODEV) {
                    continue; // an offline CPU: libscap skips it too
                }
                if (fd < 0) {
                    throw new PluginException(openFailure(path, -fd, settings.deviceName(), io));
                }
                try {
                    DriverVersion deviceApi = version(io, fd, KmodIoctl.GET_API_VERSION);
                    DriverVersion deviceSchema = version(io, fd, KmodIoctl.GET_SCHEMA_VERSION);
                    if (api != null && !api.equals(deviceApi)) {
                        throw new PluginException("API version mismatch: device " + path + " reports API version "
                                + deviceApi + ", expected " + api);
                    }
                    if (schema != null && !schema.equals(deviceSchema)) {
                        throw new PluginException("Schema version mismatch: device " + path
                                + " reports schema version " + deviceSchema + ", expected " + schema);
                    }
                    api = deviceApi;
                    schema = deviceSchema;
                    requireCompatible(api, schema);
                    devices.add(map(io, fd, devices.size(), path, size, 0, 2 * size, table));
                } catch (PluginException | RuntimeException e) {
                    io.close(fd);
                    throw e;
                }
            }
            if (devices.isEmpty()) {
                throw new PluginException("no kernel module device " + settings.deviceDir().resolve(
                        settings.deviceName() + "N") + " could be opened: every CPU is offline");
            }
            opened.configure();
            opened.start();
            return opened;
        } catch (PluginException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** libscap's open-time check, with its sentences: the API first, then the schema. */
    static void requireCompatible(DriverVersion api, DriverVersion schema) throws PluginException {
        String problem = DriverVersion.incompatibility("API", api, DriverVersion.OUR_API);
        if (problem == null) {
            problem = DriverVersion.incompatibility("schema", schema, DriverVersion.OUR_SCHEMA);
        }
        if (problem != null) {
            throw new PluginException(problem);
        }
    }

    /** What users read when {@code open(2)} of a device fails with {@code errno}. */
    static String openFailure(String path, int errno, String moduleName, DeviceIo io) {
        return switch (errno) {
            case DeviceIo.EBUSY -> "cannot open " + path + ": device busy; the kernel module's max_consumers limit"
                    + " is reached (is another Falco or sysdig running?)";
            case DeviceIo.EACCES, DeviceIo.EPERM -> "cannot open " + path
                    + ": permission denied; the kmod engine needs root";
            default -> "error opening device " + path + ". Make sure you have root credentials and that the "
                    + moduleName + " module is loaded: " + io.errorText(errno);
        };
    }

    /**
     * Maps one ring of {@code fd}: {@code dataLength} bytes read-only at {@code dataOffset}, then the info page
     * read-write at offset 0. A device takes offset 0 and {@code 2 × ringBytes} (it maps the buffer twice back
     * to back); a regular file laid out as info page + data takes offset one page and {@code ringBytes}.
     * On failure the fd is left open for the caller to close.
     */
    static Device map(DeviceIo io, int fd, int index, String path, long ringBytes, long dataOffset,
                      long dataLength, EventTable table) throws PluginException {
        long data = io.map(fd, dataLength, false, dataOffset);
        if (data < 0) {
            throw new PluginException("error mapping the ring buffer for device " + path + ". (If you get memory "
                    + "allocation errors try to reduce the buffer dimension): " + io.errorText((int) -data));
        }
        long info = io.map(fd, DeviceRing.INFO_BYTES, true, 0);
        if (info < 0) {
            io.unmap(data, dataLength);
            throw new PluginException("error mapping the ring buffer info for device " + path + ". (If you get "
                    + "memory allocation errors try to reduce the buffer dimension): " + io.errorText((int) -info));
        }
        DeviceRing ring = new DeviceRing(index, io.view(info, DeviceRing.INFO_BYTES), io.view(data, dataLength),
                Math.toIntExact(ringBytes), table);
        return new Device(path, fd, data, dataLength, info, DeviceRing.INFO_BYTES, ring);
    }

    /** Number of devices opened (online CPUs). */
    public int count() {
        return devices.size();
    }

    /** The rings, in device order (the index is the CPU number events report, as in libscap). */
    List<DeviceRing> rings() {
        return devices.stream().map(Device::ring).toList();
    }

    /** The opened devices. */
    List<Device> devices() {
        return List.copyOf(devices);
    }

    private static DriverVersion version(DeviceIo io, int fd, int request) throws PluginException {
        long[] out = new long[1];
        if (io.ioctlRead(fd, request, out) < 0) {
            throw new PluginException("Kernel module does not support " + KmodIoctl.name(request));
        }
        return DriverVersion.unpack(out[0]);
    }

    /**
     * The module sizes the rings it allocates at open from its {@code g_buffer_bytes_dim} parameter; like
     * libscap, write ours there when it differs (a module without the parameter is left to the version check).
     */
    private static void enforceBufferSize(KmodSettings settings) throws PluginException {
        Path parameter = settings.sysModuleDir().resolve(settings.deviceName()).resolve("parameters")
                .resolve("g_buffer_bytes_dim");
        if (!Files.exists(parameter)) {
            return;
        }
        String current;
        try {
            current = Files.readString(parameter, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new PluginException("unable to read the syscall buffer dim from '" + parameter + "': "
                    + e.getMessage());
        }
        if (current.equals(Long.toString(settings.bufferBytes()))) {
            return;
        }
        try {
            Files.writeString(parameter, Long.toString(settings.bufferBytes()), StandardCharsets.US_ASCII);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new PluginException("cannot set the kernel module's buffer size in " + parameter
                    + ": permission denied; the kmod engine needs root");
        } catch (IOException e) {
            throw new PluginException("unable to open '" + parameter + "'. Probably the /sys/module filesystem is "
                    + "read-only");
        }
    }

    private void configure() throws PluginException {
        command(KmodIoctl.DISABLE_DROPPING_MODE, 0);
        command(KmodIoctl.SET_SNAPLEN, settings.snaplen());
        command(settings.dropFailedExit() ? KmodIoctl.ENABLE_DROPFAILED : KmodIoctl.DISABLE_DROPFAILED, 0);
    }

    /** libscap's start: every syscall off, then the selected ones and their tracepoints on. */
    private void start() throws PluginException {
        for (int nr = 0; nr < KmodIoctl.SYSCALL_TABLE_SIZE; nr++) {
            command(KmodIoctl.DISABLE_SYSCALL, nr);
        }
        capturing = true;
        boolean any = false;
        for (int nr = 0; nr < KmodIoctl.SYSCALL_TABLE_SIZE; nr++) {
            if (settings.selected(nr)) {
                command(KmodIoctl.ENABLE_SYSCALL, nr);
                any = true;
            }
        }
        for (KmodIoctl.Tracepoint tp : KmodIoctl.Tracepoint.SWITCH_ORDER) {
            command(wanted(tp, any) ? KmodIoctl.ENABLE_TP : KmodIoctl.DISABLE_TP, tp.ordinal());
        }
    }

    /**
     * Which tracepoints libscap turns on: the syscall pair when any syscall is selected, fork/exec with
     * their syscalls, process exit always (Falco's state set holds it); the scheduler switch, page faults
     * and signal delivery stay off (no selection here asks for them).
     */
    private boolean wanted(KmodIoctl.Tracepoint tp, boolean anySyscall) {
        var names = settings.syscallNames();
        return switch (tp) {
            case SYS_ENTER, SYS_EXIT -> anySyscall;
            case SCHED_PROCESS_FORK -> names.contains("clone") || names.contains("clone3") || names.contains("fork")
                    || names.contains("vfork");
            case SCHED_PROCESS_EXEC -> names.contains("execve") || names.contains("execveat");
            case SCHED_PROCESS_EXIT -> true;
            case SCHED_SWITCH, PAGE_FAULT_USER, PAGE_FAULT_KERNEL, SIGNAL_DELIVER -> false;
        };
    }

    private void command(int request, long argument) throws PluginException {
        int rc = io.ioctl(devices.get(0).fd(), request, argument);
        if (rc < 0) {
            throw new PluginException("cannot configure the kernel module: " + KmodIoctl.name(request) + "("
                    + argument + ") failed: " + io.errorText(-rc));
        }
    }

    /** Stops capturing (libscap's stop: the selected syscalls and every tracepoint off), unmaps, closes. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (capturing && !devices.isEmpty()) {
            int fd = devices.get(0).fd();
            for (int nr = 0; nr < KmodIoctl.SYSCALL_TABLE_SIZE; nr++) {
                if (settings.selected(nr)) {
                    io.ioctl(fd, KmodIoctl.DISABLE_SYSCALL, nr); // best effort: closing releases them anyway
                }
            }
            for (KmodIoctl.Tracepoint tp : KmodIoctl.Tracepoint.SWITCH_ORDER) {
                io.ioctl(fd, KmodIoctl.DISABLE_TP, tp.ordinal());
            }
        }
        for (Device device : devices) {
            io.unmap(device.infoAddress(), device.infoLength());
            io.unmap(device.dataAddress(), device.dataLength());
            io.close(device.fd());
        }
    }
}
