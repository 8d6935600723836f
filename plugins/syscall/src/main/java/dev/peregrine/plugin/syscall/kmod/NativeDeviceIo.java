package dev.peregrine.plugin.syscall.kmod;

import dev.peregrine.plugin.syscall.bpf.Libbpf;
import java.nio.ByteBuffer;

/** {@link DeviceIo} through libc (bound by {@link Libbpf}, the plugin's one native binding). */
final class NativeDeviceIo implements DeviceIo {

    private static final int O_RDWR = 2;
    private static final int O_SYNC = 0x101000;
    private static final int O_CLOEXEC = 0x80000;

    private final Libbpf libc;

    NativeDeviceIo(Libbpf libc) {
        this.libc = libc;
    }

    @Override
    public int open(String path) {
        // O_CLOEXEC at open: libscap sets FD_CLOEXEC right after, with the same effect.
        return libc.openPath(path, O_RDWR | O_SYNC | O_CLOEXEC);
    }

    @Override
    public int ioctl(int fd, int request, long argument) {
        return libc.ioctlValue(fd, request, argument);
    }

    @Override
    public int ioctlRead(int fd, int request, long[] out) {
        return libc.ioctlReadLong(fd, request, out);
    }

    @Override
    public long map(int fd, long length, boolean writable, long offset) {
        return libc.mapShared(fd, length, writable, offset);
    }

    @Override
    public ByteBuffer view(long address, long length) {
        return Libbpf.nativeView(address, Math.toIntExact(length));
    }

    @Override
    public void unmap(long address, long length) {
        libc.unmap(address, length);
    }

    @Override
    public void close(int fd) {
        libc.closeFd(fd);
    }

    @Override
    public String errorText(int errno) {
        return libc.errorText(errno);
    }
}
