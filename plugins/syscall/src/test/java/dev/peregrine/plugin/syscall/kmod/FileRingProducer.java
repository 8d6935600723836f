package dev.peregrine.plugin.syscall.kmod;

import java.io.IOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Plays the kernel module's part on a ring laid out in a regular file (info page, then data): writes whole
 * events at head (wrapping around the end), publishes head, and drops events that do not fit, counting
 * them in {@code n_drops_buffer} as the module does.
 */
final class FileRingProducer implements AutoCloseable {

    static final int PAGE = 4096;

    private final FileChannel channel;
    private final MappedByteBuffer info;
    private final MappedByteBuffer data;
    private final int size;

    FileRingProducer(Path file, int size) throws IOException {
        this.size = size;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        channel.truncate(0);
        channel.write(ByteBuffer.allocate(PAGE + size), 0);
        this.info = channel.map(FileChannel.MapMode.READ_WRITE, 0, PAGE);
        this.data = channel.map(FileChannel.MapMode.READ_WRITE, PAGE, size);
        info.order(ByteOrder.LITTLE_ENDIAN);
        data.order(ByteOrder.LITTLE_ENDIAN);
    }

    int head() {
        return info.getInt(DeviceRing.HEAD_OFFSET);
    }

    int tail() {
        return info.getInt(DeviceRing.TAIL_OFFSET);
    }

    /** Moves both positions, as if everything before {@code at} had been produced and consumed. */
    void startAt(int at) {
        info.putInt(DeviceRing.HEAD_OFFSET, at);
        info.putInt(DeviceRing.TAIL_OFFSET, at);
    }

    void counter(int index, long value) {
        info.putLong(DeviceRing.COUNTERS_OFFSET + 8 * index, value);
    }

    /** Writes one event; false (and one more buffer drop) when it does not fit. */
    boolean write(byte[] event) {
        int head = head();
        int tail = tail();
        int free = tail > head ? tail - head - 1 : size + tail - head - 1;
        info.putLong(DeviceRing.COUNTERS_OFFSET, info.getLong(DeviceRing.COUNTERS_OFFSET) + 1);
        if (event.length > free) {
            info.putLong(DeviceRing.COUNTERS_OFFSET + 8, info.getLong(DeviceRing.COUNTERS_OFFSET + 8) + 1);
            return false;
        }
        for (int i = 0; i < event.length; i++) {
            data.put((head + i) % size, event[i]);
        }
        VarHandle.releaseFence();
        info.putInt(DeviceRing.HEAD_OFFSET, (head + event.length) % size);
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
