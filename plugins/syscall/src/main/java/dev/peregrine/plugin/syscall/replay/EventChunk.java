package dev.peregrine.plugin.syscall.replay;

import dev.peregrine.plugin.syscall.event.Buffers;
import dev.peregrine.plugin.syscall.event.EventView;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reusable block of converted events that the read-ahead thread fills and the replay thread
 * drains, so the two threads synchronise once per chunk instead of once per event. Each record is
 * the event's stream facts followed by the event in the current layout:
 *
 * <pre>
 *   0                   8         12        16                         16 + len
 *   +-------------------+---------+---------+--------------------------+
 *   | number (u64)      | cpu u32 | flags   | event (len at +16 of it) |
 *   +-------------------+---------+---------+--------------------------+
 * </pre>
 *
 * A chunk may end with a failure: the events before it are good and are delivered first.
 */
final class EventChunk {

    /** Bytes of stream facts before each event. */
    static final int RECORD_HEADER = 16;
    /** Capacity of a chunk; an event larger than this gets a chunk of its own size. */
    static final int CAPACITY = 1 << 18;

    ByteBuffer buffer = ByteBuffer.allocate(CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
    /** Bytes written. */
    int limit;
    /** Why reading stopped after the events of this chunk (a PluginException, or a bug), or null. */
    Exception failure;
    /** True when the capture ended after the events of this chunk. */
    boolean last;

    void reset() {
        limit = 0;
        failure = null;
        last = false;
        if (buffer.capacity() > CAPACITY) {
            buffer = ByteBuffer.allocate(CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    /** Whether {@code event} fits in the space left; an empty chunk grows to hold any event. */
    boolean fits(EventView event) {
        int needed = RECORD_HEADER + event.length();
        if (limit + needed <= buffer.capacity()) {
            return true;
        }
        if (limit == 0) {
            buffer = ByteBuffer.allocate(needed).order(ByteOrder.LITTLE_ENDIAN);
            return true;
        }
        return false;
    }

    /** Appends {@code event}, which must {@link #fits fit}. */
    void append(EventView event) {
        int length = event.length();
        ByteBuffer out = buffer;
        out.putLong(limit, event.number());
        out.putInt(limit + 8, event.cpu());
        out.putInt(limit + 12, event.driverFlags());
        Buffers.copy(event.buffer(), event.offset(), out, limit + RECORD_HEADER, length);
        limit += RECORD_HEADER + length;
    }
}
