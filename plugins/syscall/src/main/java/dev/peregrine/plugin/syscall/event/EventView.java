package dev.peregrine.plugin.syscall.event;

import dev.peregrine.api.Event;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A reusable flyweight over one driver event ("ppm event") in a little-endian buffer: wrap it at an
 * offset, read the header and parameters in place, wrap the next event. Nothing is copied and, except
 * for {@link #paramString}, nothing is allocated. The view is only valid until its buffer is reused.
 * Parameter accessors take the parameter index; the fixed-size ones do not check emptiness, so test
 * {@link #isParamEmpty} first (old producers leave trailing parameters out, and empty means "no value").
 *
 * <pre>
 *   0                   8                   16        20    22        26
 *   +-------------------+-------------------+---------+-----+---------+
 *   |  ts (u64, ns)     |  tid (u64)        | len u32 |type | nparams |
 *   +-------------------+-------------------+---------+-----+---------+
 *   26                                      26 + nparams * L
 *   +---------+---------+-----+-------------+---------+---------+-----+
 *   | len[0]  | len[1]  | ... | len[n-1]    | value 0 | value 1 | ... |
 *   +---------+---------+-----+-------------+---------+---------+-----+
 *   L = 2 (u16 lengths), or 4 (u32) for types flagged EF_LARGE_PAYLOAD.
 *   len counts the whole event, header included; values are packed with no alignment.
 * </pre>
 */
public final class EventView implements Event {

    /** Offset of the u64 timestamp. */
    public static final int TIMESTAMP_OFFSET = 0;
    /** Offset of the u64 thread id. */
    public static final int TID_OFFSET = 8;
    /** Offset of the u32 total length. */
    public static final int LENGTH_OFFSET = 16;
    /** Offset of the u16 type. */
    public static final int TYPE_OFFSET = 20;
    /** Offset of the u32 parameter count. */
    public static final int NPARAMS_OFFSET = 22;
    /** Size of the current header; the parameter-length array starts here. */
    public static final int HEADER_LENGTH = 26;
    /** Size of the legacy header (no nparams) found in old capture blocks. */
    public static final int LEGACY_HEADER_LENGTH = 22;

    private final EventTable table;
    private final int[] paramOffsets;
    private final int[] paramLengths;

    private ByteBuffer buffer;
    private int offset;
    private int type;
    private int paramCount;
    private int lengthSize;
    private boolean paramsResolved;
    private long number;
    private int cpu;
    private int driverFlags;

    /** A view that resolves types, parameter counts and length sizes through {@code table}. */
    public EventView(EventTable table) {
        this.table = table;
        int max = 0;
        for (EventInfo info : table.events()) {
            max = Math.max(max, info.params().size());
        }
        this.paramOffsets = new int[max];
        this.paramLengths = new int[max];
    }

    /**
     * Points the view at the event starting at {@code offset}. The buffer must be little endian; the
     * event type must exist in the table. Call {@link #validate} before reading untrusted input.
     */
    public EventView wrap(ByteBuffer buffer, int offset) {
        if (buffer.order() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalArgumentException("event buffers must be little endian");
        }
        this.buffer = buffer;
        this.offset = offset;
        this.type = buffer.getShort(offset + TYPE_OFFSET) & 0xFFFF;
        this.paramCount = buffer.getInt(offset + NPARAMS_OFFSET);
        this.lengthSize = type < table.size() && table.info(type).hasLargePayload() ? 4 : 2;
        this.paramsResolved = false;
        return this;
    }

    /** Sets the stream position facts that are not part of the event bytes. */
    public EventView position(long number, int cpu, int driverFlags) {
        this.number = number;
        this.cpu = cpu;
        this.driverFlags = driverFlags;
        return this;
    }

    /**
     * Checks the wrapped event against the table and {@code available} bytes of buffer from its start.
     *
     * @return null when the event is well formed, else a sentence saying what is wrong
     */
    public String validate(int available) {
        if (available < HEADER_LENGTH) {
            return "expected an event header of " + HEADER_LENGTH + " bytes but only " + available + " are left";
        }
        long length = length();
        if (length < HEADER_LENGTH) {
            return "event length " + length + " is shorter than the " + HEADER_LENGTH + "-byte header";
        }
        if (length > available) {
            return "event length " + length + " runs past the end of its block (" + available + " bytes)";
        }
        if (type >= table.size()) {
            return "event type " + type + " is not in the event table (" + table.size() + " types)";
        }
        EventInfo info = table.info(type);
        long count = paramCount & 0xFFFF_FFFFL;
        if (count > info.params().size()) {
            return "event " + info.enumName() + " declares " + count + " parameters but the table has "
                    + info.params().size();
        }
        long values = HEADER_LENGTH + count * lengthSize;
        if (values > length) {
            return "the " + count + " parameter lengths of " + info.enumName()
                    + " run past the event length " + length;
        }
        long end = values;
        for (int i = 0; i < count; i++) {
            int at = offset + HEADER_LENGTH + i * lengthSize;
            end += lengthSize == 2 ? buffer.getShort(at) & 0xFFFF : buffer.getInt(at) & 0xFFFF_FFFFL;
            if (end > length) {
                return "parameter " + i + " (" + info.params().get(i).name() + ") of " + info.enumName()
                        + " ends at byte " + end + ", past the event length " + length;
            }
        }
        return null;
    }

    /** The buffer the view reads. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Offset of the event's first byte in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    @Override
    public long number() {
        return number;
    }

    @Override
    public long timestampNanos() {
        return buffer.getLong(offset + TIMESTAMP_OFFSET);
    }

    /** Host thread id of the thread that produced the event. */
    public long tid() {
        return buffer.getLong(offset + TID_OFFSET);
    }

    /** Total event length in bytes, header included. */
    public int length() {
        return buffer.getInt(offset + LENGTH_OFFSET);
    }

    @Override
    public int type() {
        return type;
    }

    /** The table row of this event's type. */
    public EventInfo info() {
        return table.info(type);
    }

    /** CPU (capture device) the event was recorded on. */
    public int cpu() {
        return cpu;
    }

    /** The driver's per-event flags of flagged capture blocks, 0 otherwise. */
    public int driverFlags() {
        return driverFlags;
    }

    /** Number of parameters present (may be fewer than the table declares). */
    public int paramCount() {
        return paramCount;
    }

    /** Size of each entry of the parameter-length array: 2, or 4 for large-payload types. */
    public int lengthSize() {
        return lengthSize;
    }

    /** Length in bytes of parameter {@code i}; 0 when it is empty or absent. */
    public int paramLength(int i) {
        if (i >= paramCount) {
            return 0;
        }
        resolveParams();
        return paramLengths[i];
    }

    /** Buffer offset of the first byte of parameter {@code i}. */
    public int paramOffset(int i) {
        if (i >= paramCount) {
            throw new IndexOutOfBoundsException("parameter " + i + " of " + paramCount);
        }
        resolveParams();
        return paramOffsets[i];
    }

    /** Whether parameter {@code i} has no value (zero length or not present). */
    public boolean isParamEmpty(int i) {
        return paramLength(i) == 0;
    }

    /** Parameter {@code i} as an unsigned 8-bit value. */
    public int paramU8(int i) {
        return buffer.get(paramOffset(i)) & 0xFF;
    }

    /** Parameter {@code i} as an unsigned 16-bit value. */
    public int paramU16(int i) {
        return buffer.getShort(paramOffset(i)) & 0xFFFF;
    }

    /** Parameter {@code i} as a 32-bit value. */
    public int paramInt(int i) {
        return buffer.getInt(paramOffset(i));
    }

    /** Parameter {@code i} as a 64-bit value. */
    public long paramLong(int i) {
        return buffer.getLong(paramOffset(i));
    }

    /** Parameter {@code i} sign-extended from its stored width (1, 2, 4 or 8 bytes); 0 when empty. */
    public long paramSigned(int i) {
        int at = paramOffset(i);
        return switch (paramLength(i)) {
            case 1 -> buffer.get(at);
            case 2 -> buffer.getShort(at);
            case 4 -> buffer.getInt(at);
            case 8 -> buffer.getLong(at);
            default -> 0;
        };
    }

    /** Parameter {@code i} zero-extended from its stored width (1, 2, 4 or 8 bytes); 0 when empty. */
    public long paramUnsigned(int i) {
        int at = paramOffset(i);
        return switch (paramLength(i)) {
            case 1 -> buffer.get(at) & 0xFFL;
            case 2 -> buffer.getShort(at) & 0xFFFFL;
            case 4 -> buffer.getInt(at) & 0xFFFF_FFFFL;
            case 8 -> buffer.getLong(at);
            default -> 0;
        };
    }

    /** Copies parameter {@code i} into {@code target} at {@code at}; returns the number of bytes copied. */
    public int copyParam(int i, byte[] target, int at) {
        int length = Math.min(paramLength(i), target.length - at);
        if (length > 0) {
            buffer.get(paramOffset(i), target, at, length);
        }
        return length;
    }

    /**
     * Parameter {@code i} as text: the bytes up to the first NUL (string parameters carry one), or null
     * when the parameter is empty or absent. Allocates; prefer the byte accessors on hot paths.
     */
    public String paramString(int i) {
        int length = paramLength(i);
        if (length == 0) {
            return null;
        }
        int at = paramOffset(i);
        int size = 0;
        while (size < length && buffer.get(at + size) != 0) {
            size++;
        }
        if (buffer.hasArray()) {
            return new String(buffer.array(), buffer.arrayOffset() + at, size, StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[size];
        buffer.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Copies the whole event (header included) into a new array. */
    public byte[] toByteArray() {
        byte[] bytes = new byte[length()];
        buffer.get(offset, bytes);
        return bytes;
    }

    private void resolveParams() {
        if (paramsResolved) {
            return;
        }
        int lengths = offset + HEADER_LENGTH;
        int value = lengths + paramCount * lengthSize;
        for (int i = 0; i < paramCount; i++) {
            int length = lengthSize == 2
                    ? buffer.getShort(lengths + 2 * i) & 0xFFFF
                    : buffer.getInt(lengths + 4 * i);
            paramOffsets[i] = value;
            paramLengths[i] = length;
            value += length;
        }
        paramsResolved = true;
    }

    @Override
    public String toString() {
        return "EventView[" + number + " " + (type < table.size() ? table.info(type).enumName() : type)
                + " ts=" + timestampNanos() + " tid=" + tid() + " nparams=" + paramCount + "]";
    }
}
