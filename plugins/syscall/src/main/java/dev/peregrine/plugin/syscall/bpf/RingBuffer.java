package dev.peregrine.plugin.syscall.bpf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads one BPF ring buffer (Linux {@code BPF_MAP_TYPE_RINGBUF}) in place, without libbpf's callbacks.
 *
 * <pre>
 *   consumer page (rw):  u64 consumer position, written by us with release semantics
 *   producer page (ro):  u64 producer position, read with acquire semantics
 *   data (ro):           size bytes mapped twice back to back, so a record that wraps reads contiguously
 *   record at data + (pos &amp; mask):  u32 len | BUSY(bit 31) | DISCARD(bit 30), u32 page offset, payload,
 *                                     padded so that 8 + len rounds up to 8
 * </pre>
 *
 * {@link #peek} finds the next committed record and keeps it pending; the caller reads the payload in
 * place and calls {@link #consume} only when done, so the kernel cannot overwrite a record still in use.
 * Discarded records are skipped (and released) by {@code peek}. Single consumer thread.
 */
public final class RingBuffer {

    /** Record header size. */
    public static final int HEADER = 8;
    /** Set while the producer is still writing the record. */
    public static final int BUSY = 1 << 31;
    /** Set when the producer gave the record up. */
    public static final int DISCARD = 1 << 30;

    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final int index;
    private final ByteBuffer consumerPage;
    private final ByteBuffer producerPage;
    private final ByteBuffer data;
    private final long mask;
    private long consumer;
    private long pendingNext = -1;
    private int pendingOffset;
    private int pendingLength;

    /**
     * @param index        the ring's number (the event's CPU id for {@code evt.cpu})
     * @param consumerPage at least 8 bytes, the consumer position at 0
     * @param producerPage at least 8 bytes, the producer position at 0
     * @param data         {@code 2 * size} bytes: the data area and its second mapping
     * @param size         the data area size, a power of two
     */
    public RingBuffer(int index, ByteBuffer consumerPage, ByteBuffer producerPage, ByteBuffer data, long size) {
        if (Long.bitCount(size) != 1 || data.capacity() < 2 * size) {
            throw new IllegalArgumentException("ring data must be twice a power-of-two size, got "
                    + data.capacity() + " for " + size);
        }
        this.index = index;
        this.consumerPage = consumerPage.order(ByteOrder.LITTLE_ENDIAN);
        this.producerPage = producerPage.order(ByteOrder.LITTLE_ENDIAN);
        this.data = data.order(ByteOrder.LITTLE_ENDIAN);
        this.mask = size - 1;
        this.consumer = (long) LONG.getAcquire(this.consumerPage, 0);
    }

    /** The ring's number. */
    public int index() {
        return index;
    }

    /** The data area (mapped twice); payload offsets from {@link #peek} index into it. */
    public ByteBuffer data() {
        return data;
    }

    /**
     * The next committed record, left pending until {@link #consume}.
     *
     * @return the payload's offset in {@link #data}, or -1 when no committed record is available
     */
    public int peek() {
        if (pendingNext >= 0) {
            return pendingOffset;
        }
        long producer = (long) LONG.getAcquire(producerPage, 0);
        while (consumer < producer) {
            int position = (int) (consumer & mask);
            int header = (int) INT.getAcquire(data, position);
            if ((header & BUSY) != 0) {
                return -1;
            }
            int length = header & ~(BUSY | DISCARD);
            long next = consumer + ((HEADER + length + 7) & ~7L);
            if ((header & DISCARD) != 0) {
                consumer = next;
                LONG.setRelease(consumerPage, 0, consumer);
                continue;
            }
            pendingNext = next;
            pendingOffset = position + HEADER;
            pendingLength = length;
            return pendingOffset;
        }
        return -1;
    }

    /** Payload length of the pending record. */
    public int pendingLength() {
        return pendingLength;
    }

    /** Whether {@link #peek} found a record not yet consumed. */
    public boolean hasPending() {
        return pendingNext >= 0;
    }

    /** Releases the pending record's space to the producer. */
    public void consume() {
        if (pendingNext < 0) {
            return;
        }
        consumer = pendingNext;
        pendingNext = -1;
        LONG.setRelease(consumerPage, 0, consumer);
    }

    /**
     * True when the consumer position (as last released) has caught up with the producer: nothing is
     * committed or being written that the reader has not consumed. Reads only the shared pages, so any
     * thread may ask.
     */
    public boolean drained() {
        return (long) LONG.getAcquire(producerPage, 0) == (long) LONG.getAcquire(consumerPage, 0);
    }

    /** Bytes the producer has published and we have not consumed (a fill gauge). */
    public long backlog() {
        return (long) LONG.getAcquire(producerPage, 0) - consumer;
    }
}
