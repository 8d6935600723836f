package dev.peregrine.plugin.syscall.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * A refillable little-endian window over a byte channel. Callers ask for {@code n} contiguous bytes
 * at the read position and then decode them in place with absolute getters; the window grows only
 * when a single request is larger than it, and only as far as the stream actually delivers bytes, so
 * steady-state reading allocates nothing and a corrupt length cannot make it allocate more than the file.
 */
final class BlockInput implements AutoCloseable {

    private static final int DEFAULT_CAPACITY = 1 << 17;

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
            compact();
        }
        while (limit - position < n && !endOfStream) {
            if (limit == buffer.capacity()) {
                // Grow only as bytes actually arrive: a corrupt length must not allocate what the
                // file does not hold (a 2 KB file claiming a 1 GB block used to allocate 1 GB).
                grow(position + n);
            }
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

    /** Moves the unread bytes to the front of the window. */
    private void compact() {
        int unread = limit - position;
        System.arraycopy(buffer.array(), position, buffer.array(), 0, unread);
        base += position;
        position = 0;
        limit = unread;
    }

    /** Doubles the window (at most to {@code needed} bytes), keeping its contents. */
    private void grow(int needed) {
        int capacity = buffer.capacity();
        int doubled = capacity > (Integer.MAX_VALUE >> 1) ? Integer.MAX_VALUE - 8 : capacity << 1;
        ByteBuffer target = ByteBuffer.allocate(Math.min(doubled, needed)).order(ByteOrder.LITTLE_ENDIAN);
        System.arraycopy(buffer.array(), 0, target.array(), 0, limit);
        buffer = target;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
