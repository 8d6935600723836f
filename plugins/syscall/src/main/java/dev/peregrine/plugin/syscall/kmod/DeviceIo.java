package dev.peregrine.plugin.syscall.kmod;

import java.nio.ByteBuffer;

/**
 * The system calls the kmod engine makes on the module's devices: open, ioctl, mmap. Failures come back
 * as {@code -errno} so the engine words them; {@link NativeDeviceIo} is the real one, tests use a fake
 * device.
 */
interface DeviceIo {

    int ENOENT = 2;
    int EPERM = 1;
    int EACCES = 13;
    int EBUSY = 16;
    int ENODEV = 19;

    /** Opens {@code path} read-write, synchronous, close-on-exec: the descriptor or -errno. */
    int open(String path);

    /** An ioctl whose argument is a number: its result or -errno. */
    int ioctl(int fd, int request, long argument);

    /** An ioctl that fills a u64 at the argument's address: 0 (value in {@code out[0]}) or -errno. */
    int ioctlRead(int fd, int request, long[] out);

    /** Maps {@code length} bytes of {@code fd} at {@code offset}, shared: the address or -errno. */
    long map(int fd, long length, boolean writable, long offset);

    /** A little-endian buffer over a mapping {@link #map} returned. */
    ByteBuffer view(long address, long length);

    /** Undoes {@link #map}. */
    void unmap(long address, long length);

    /** Closes a descriptor {@link #open} returned. */
    void close(int fd);

    /** The text of an errno, e.g. "Permission denied". */
    String errorText(int errno);
}
