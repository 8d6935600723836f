package dev.peregrine.plugin.syscall.kmod;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plays the kernel module's devices for {@link KmodDevices}: answers open, the version ioctls and the two
 * mmaps by length as the module does (≤ one page: the info page; {@code 2 × size}: the data, where the
 * "kernel" writes every byte into both halves like the module's double mapping), records every other
 * ioctl, and tracks what is still open or mapped.
 */
final class FakeDevices implements DeviceIo {

    final Path dir;
    final int size;
    /** open(2) failures by device path (errno). */
    final Map<String, Integer> openErrors = new HashMap<>();
    /** Packed versions by device path; the default is ours. */
    final Map<String, long[]> versions = new HashMap<>();
    /** errno for the version ioctls, 0 = answer. */
    int versionError;
    /** errno for the n-th mmap (counting from 0), -1 = never. */
    int failMapNumber = -1;
    int mapErrno = 12;
    /** ioctl failures by request. */
    final Map<Integer, Integer> ioctlErrors = new HashMap<>();
    /** Configuration ioctls in order, as "NAME(arg)@fd". */
    final List<String> ioctls = new ArrayList<>();
    final Set<Integer> openFds = new HashSet<>();
    final Map<Long, Long> mapped = new HashMap<>();
    private final Map<Integer, String> pathOfFd = new HashMap<>();
    private final Map<Long, ByteBuffer> memory = new HashMap<>();
    private final Map<String, ByteBuffer> info = new HashMap<>();
    private final Map<String, ByteBuffer> data = new HashMap<>();
    private int nextFd = 10;
    private long nextAddress = 0x10_0000;
    private int maps;

    FakeDevices(Path dir, int size, int devices) throws IOException {
        this.dir = dir;
        this.size = size;
        for (int i = 0; i < devices; i++) {
            Files.createFile(dir.resolve("falco" + i));
        }
    }

    String path(int device) {
        return dir.resolve("falco" + device).toString();
    }

    @Override
    public int open(String path) {
        Integer errno = openErrors.get(path);
        if (errno != null) {
            return -errno;
        }
        int fd = nextFd++;
        openFds.add(fd);
        pathOfFd.put(fd, path);
        return fd;
    }

    @Override
    public int ioctl(int fd, int request, long argument) {
        ioctls.add(KmodIoctl.name(request) + "(" + argument + ")@" + fd);
        Integer errno = ioctlErrors.get(request);
        return errno == null ? 0 : -errno;
    }

    @Override
    public int ioctlRead(int fd, int request, long[] out) {
        if (versionError != 0) {
            return -versionError;
        }
        long[] v = versions.getOrDefault(pathOfFd.get(fd),
                new long[] {DriverVersion.OUR_API.pack(), DriverVersion.OUR_SCHEMA.pack()});
        out[0] = request == KmodIoctl.GET_API_VERSION ? v[0] : v[1];
        return 0;
    }

    @Override
    public long map(int fd, long length, boolean writable, long offset) {
        if (maps++ == failMapNumber) {
            return -mapErrno;
        }
        String path = pathOfFd.get(fd);
        if (offset != 0 || !openFds.contains(fd)) {
            return -22;
        }
        ByteBuffer buffer;
        if (length <= 4096 && writable) {
            buffer = info.computeIfAbsent(path,
                    p -> ByteBuffer.allocateDirect(4096).order(ByteOrder.LITTLE_ENDIAN));
        } else if (length == 2L * size && !writable) {
            buffer = data.computeIfAbsent(path, p -> ByteBuffer.allocateDirect(2 * size).order(ByteOrder.LITTLE_ENDIAN));
        } else {
            return -22; // the module refuses any other length: EINVAL
        }
        long address = nextAddress;
        nextAddress += 0x1000_0000L;
        memory.put(address, buffer);
        mapped.put(address, length);
        return address;
    }

    @Override
    public ByteBuffer view(long address, long length) {
        return memory.get(address).duplicate().limit((int) length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void unmap(long address, long length) {
        Long was = mapped.remove(address);
        if (was == null || was != length) {
            throw new AssertionError("unmap of " + address + "/" + length + " that is not mapped so");
        }
    }

    @Override
    public void close(int fd) {
        if (!openFds.remove(fd)) {
            throw new AssertionError("close of fd " + fd + " that is not open");
        }
    }

    @Override
    public String errorText(int errno) {
        return "errno " + errno;
    }

    /** Moves head and tail of a device's ring, as if everything before {@code at} had been consumed. */
    void startAt(int device, int at) {
        ByteBuffer i = info.get(path(device));
        i.putInt(DeviceRing.HEAD_OFFSET, at);
        i.putInt(DeviceRing.TAIL_OFFSET, at);
    }

    int tail(int device) {
        return info.get(path(device)).getInt(DeviceRing.TAIL_OFFSET);
    }

    /** The module's producer: writes one event at head into both halves of the data, then publishes head. */
    boolean write(int device, byte[] event) {
        ByteBuffer i = info.get(path(device));
        ByteBuffer d = data.get(path(device));
        int head = i.getInt(DeviceRing.HEAD_OFFSET);
        int tail = i.getInt(DeviceRing.TAIL_OFFSET);
        int free = tail > head ? tail - head - 1 : size + tail - head - 1;
        i.putLong(DeviceRing.COUNTERS_OFFSET, i.getLong(DeviceRing.COUNTERS_OFFSET) + 1);
        if (event.length > free) {
            i.putLong(DeviceRing.COUNTERS_OFFSET + 8, i.getLong(DeviceRing.COUNTERS_OFFSET + 8) + 1);
            return false;
        }
        for (int k = 0; k < event.length; k++) {
            int at = (head + k) % size;
            d.put(at, event[k]);
            d.put(size + at, event[k]);
        }
        VarHandle.releaseFence();
        i.putInt(DeviceRing.HEAD_OFFSET, (head + event.length) % size);
        return true;
    }
}
