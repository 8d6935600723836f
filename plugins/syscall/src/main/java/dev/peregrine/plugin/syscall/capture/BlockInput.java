package dev.peregrine.plugin.syscall.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * A refillable little-endian window over a byte channel. Callers ask for {@code n} contiguous bytes
 * at the read position and then decode them in place with absolute getters; the window grows only
 * when a single request is larger than it, so steady-state reading allocates nothing.
 */
final class BlockInput implements AutoCloseable {

    private static final int DEFAULT_CAPACITY = 1 << 20;

    private final ReadableByteChannel channel;
    private ByteBuffer buffer;
    /** Stream offset of buffer index 0. */
    private long base;
    /** Index of the first unread byte. */
    private int position;
    /** Index after the last valid byte. */
    private int limit;
    private boolean endOfStream;
    /** A read error (e.g. a cut gzip stream), held back until the bytes before it are used up. */
    private IOException failure;

    BlockInput(ReadableByteChannel channel) {
        this(channel, DEFAULT_CAPACITY);
    }

    BlockInput(ReadableByteChannel channel, int capacity) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The window; valid indices for the last request are {@code index() .. index()+n-1}. */
    ByteBuffer buffer() {
        return buffer;
    }

    /** Buffer index of the first unread byte. */
    int index() {
        return position;
    }

    /** Stream offset of the first unread byte. */
    long offset() {
        return base + position;
    }

    /** Stream offset of a buffer index. */
    long offsetOf(int bufferIndex) {
        return base + bufferIndex;
    }

    /**
     * Makes {@code n} bytes available from the read position, reading more from the channel as needed.
     *
     * @return the number of bytes available, which is {@code n} unless the stream ended or failed first
     *         (see {@link #failure()})
     */
    int request(int n) {
        if (limit - position >= n) {
            return n;
        }
        if (buffer.capacity() - position < n) {
            makeRoom(n);
        }
        while (limit - position < n && !endOfStream) {
            buffer.limit(buffer.capacity()).position(limit);
            try {
                int read = channel.read(buffer);
                if (read < 0) {
                    endOfStream = true;
                } else {
                    limit += read;
                }
            } catch (IOException e) {
                // Keep whatever arrived before the error: the events in it are still good.
                limit = buffer.position();
                failure = e;
                endOfStream = true;
            }
        }
        return Math.min(n, limit - position);
    }

    /** The read error that ended the stream early, or null when it ended normally (or not yet). */
    IOException failure() {
        return failure;
    }

    /** Marks {@code n} bytes as consumed. */
    void skip(int n) {
        position += n;
    }

    /** Moves the unread bytes to the front, growing the window when it cannot hold {@code n} bytes. */
    private void makeRoom(int n) {
        int unread = limit - position;
        ByteBuffer target = buffer;
        if (n > buffer.capacity()) {
            int capacity = buffer.capacity();
            while (capacity < n) {
                capacity = capacity > (Integer.MAX_VALUE >> 1) ? Integer.MAX_VALUE - 8 : capacity << 1;
            }
            target = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
        }
        System.arraycopy(buffer.array(), position, target.array(), 0, unread);
        buffer = target;
        base += position;
        position = 0;
        limit = unread;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
