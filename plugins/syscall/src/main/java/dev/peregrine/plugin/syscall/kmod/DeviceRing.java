package dev.peregrine.plugin.syscall.kmod;

import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Consumer side of one kernel module per-CPU ring buffer ({@code syscall-events.md} §5.1): an info page
 * with {@code head}, {@code tail} and counters, and a data area of {@code size} bytes that the kernel
 * fills with whole ppm events.
 *
 * <p>Like libscap it takes a chunk ({@code tail..head}) at a time, walks the events in it, and only when
 * the whole chunk is consumed publishes the new {@code tail} after a release fence. The kernel maps the
 * data twice back to back so events that wrap around are contiguous and are read in place; a single
 * mapping (a file in tests) is handled too: an event that wraps is copied into a scratch buffer.
 */
public final class DeviceRing {

    static final int HEAD_OFFSET = 0;
    static final int TAIL_OFFSET = 4;
    static final int COUNTERS_OFFSET = 8;
    /** Bytes of {@code struct ppm_ring_buffer_info}: head, tail and the u64 counters. */
    public static final int INFO_BYTES = COUNTERS_OFFSET + 8 * DropCounters.COUNT;

    private final int cpu;
    private final ByteBuffer info;
    private final ByteBuffer data;
    private final int size;
    /** Whether the data is mapped twice back to back, so that every event is contiguous. */
    private final boolean doubleMapped;
    private final EventView view;
    private ByteBuffer scratch = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);

    private int chunkStart;
    private int chunkLength;
    private int consumed;
    /** Length of the event {@link #peek()} returned, 0 when none is pending. */
    private int pendingLength;

    /**
     * A ring mapped once (a file in tests): the ring size is the data's capacity.
     *
     * @param cpu  the CPU (device index) this ring belongs to, reported as {@code evt.cpu}
     * @param info the info page, read-write
     * @param data the data area
     */
    public DeviceRing(int cpu, ByteBuffer info, ByteBuffer data, EventTable table) {
        this(cpu, info, data, data.capacity(), table);
    }

    /**
     * @param cpu  the CPU (device index) this ring belongs to, reported as {@code evt.cpu}
     * @param info the info page, read-write
     * @param data the data area: {@code size} bytes mapped once, or {@code 2 × size} bytes mapped twice
     *             back to back as the module's devices are
     * @param size the ring size in bytes
     */
    public DeviceRing(int cpu, ByteBuffer info, ByteBuffer data, int size, EventTable table) {
        if (data.capacity() != size && data.capacity() != 2L * size) {
            throw new IllegalArgumentException("ring data of " + data.capacity() + " bytes is neither the ring size "
                    + size + " nor twice it");
        }
        if (info.capacity() < INFO_BYTES) {
            throw new IllegalArgumentException("ring info page of " + info.capacity() + " bytes is smaller than the "
                    + INFO_BYTES + " bytes of ppm_ring_buffer_info");
        }
        this.cpu = cpu;
        this.info = info.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.size = size;
        this.doubleMapped = data.capacity() == 2L * size;
        this.view = new EventView(table);
    }

    /** The CPU index of this ring. */
    public int cpu() {
        return cpu;
    }

    /**
     * The next event of this ring without consuming it, or null when the ring holds nothing. Calling it
     * again returns the same event until {@link #advance()}. The view is valid until then.
     *
     * @throws IllegalStateException when the ring holds an event whose length is impossible (the
     *         producer and this consumer disagree on the layout)
     */
    public EventView peek() {
        if (pendingLength > 0) {
            return view;
        }
        if (consumed >= chunkLength) {
            if (chunkLength > 0) {
                publishTail();
            }
            refill();
            if (chunkLength == 0) {
                return null;
            }
        }
        int left = chunkLength - consumed;
        int at = (chunkStart + consumed) % size;
        if (left < EventView.HEADER_LENGTH) {
            throw corrupt("only " + left + " bytes are left in the chunk, less than an event header", at);
        }
        long length = wrappedInt(at + EventView.LENGTH_OFFSET) & 0xFFFF_FFFFL;
        if (length < EventView.HEADER_LENGTH || length > left) {
            throw corrupt("event length " + length + " does not fit the " + left + " bytes left in the chunk", at);
        }
        int len = (int) length;
        if (doubleMapped || at + len <= size) {
            view.wrap(data, at);
        } else {
            if (scratch.capacity() < len) {
                scratch = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
            }
            int first = size - at;
            scratch.put(0, data, at, first);
            scratch.put(first, data, 0, len - first);
            view.wrap(scratch, 0);
        }
        String problem = view.validate(len);
        if (problem != null) {
            throw corrupt(problem, at);
        }
        pendingLength = len;
        return view;
    }

    /** Consumes the event {@link #peek()} returned. */
    public void advance() {
        consumed += pendingLength;
        pendingLength = 0;
    }

    /** Timestamp of the pending event ({@link #peek()} must have returned one). */
    long pendingTimestamp() {
        return view.timestampNanos();
    }

    /** The counters of the info page as the kernel last wrote them. */
    public DropCounters counters() {
        long[] c = new long[DropCounters.COUNT];
        for (int i = 0; i < c.length; i++) {
            c[i] = info.getLong(COUNTERS_OFFSET + 8 * i);
        }
        return DropCounters.of(c);
    }

    /** Bytes the producer published that this consumer has not released yet. */
    public int backlog() {
        return available(info.getInt(HEAD_OFFSET), info.getInt(TAIL_OFFSET));
    }

    private void refill() {
        int head = info.getInt(HEAD_OFFSET);
        VarHandle.acquireFence(); // the event bytes are read only after head
        int tail = info.getInt(TAIL_OFFSET);
        chunkStart = tail;
        chunkLength = available(head, tail);
        consumed = 0;
    }

    private int available(int head, int tail) {
        return Integer.compareUnsigned(tail, head) > 0 ? size - tail + head : head - tail;
    }

    private void publishTail() {
        int tail = (int) ((chunkStart + (long) chunkLength) % size);
        VarHandle.releaseFence(); // the kernel may reuse the space only after we are done reading it
        info.putInt(TAIL_OFFSET, tail);
        chunkLength = 0;
        consumed = 0;
    }

    private int wrappedInt(int at) {
        int value = 0;
        for (int i = 3; i >= 0; i--) {
            value = (value << 8) | (data.get((at + i) % size) & 0xFF);
        }
        return value;
    }

    private IllegalStateException corrupt(String detail, int at) {
        return new IllegalStateException("kernel module ring of cpu " + cpu + " is corrupt at offset " + at + ": "
                + detail);
    }
}
