package dev.peregrine.plugin.syscall.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes small synthetic .scap files block by block for reader tests. */
final class ScapBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A section header block with the given magic and version. */
    ScapBuilder sectionHeader(int magic, int major, int minor) {
        ByteBuffer body = le(16);
        body.putInt(magic).putShort((short) major).putShort((short) minor).putLong(-1);
        return block(BlockType.SECTION_HEADER, body.array());
    }

    ScapBuilder sectionHeader() {
        return sectionHeader(CaptureReader.BYTE_ORDER_MAGIC, 1, 2);
    }

    /** A block with a padded body and a matching trailer. */
    ScapBuilder block(int type, byte[] body) {
        int padded = (body.length + 3) & ~3;
        return rawBlock(type, 12 + padded, body, 12 + padded);
    }

    /** A block with explicit header and trailer lengths (for corrupt-input tests). */
    ScapBuilder rawBlock(int type, int length, byte[] body, int trailer) {
        int padded = (body.length + 3) & ~3;
        ByteBuffer block = le(12 + padded);
        block.putInt(type).putInt(length).put(body).position(8 + padded);
        block.putInt(trailer);
        out.writeBytes(block.array());
        return this;
    }

    /** Arbitrary bytes, e.g. a truncated block. */
    ScapBuilder bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** An event block of the current layout (0x216) with u16 parameter lengths. */
    ScapBuilder event(int cpu, long ts, long tid, int type, byte[]... params) {
        byte[] event = eventBytes(ts, tid, type, 2, params);
        return block(BlockType.EVENT_V2, concat(u16(cpu), event));
    }

    /** An event-with-flags block (0x217). */
    ScapBuilder eventWithFlags(int cpu, int flags, long ts, long tid, int type, byte[]... params) {
        byte[] event = eventBytes(ts, tid, type, 2, params);
        return block(BlockType.EVENT_WITH_FLAGS_V2, concat(u16(cpu), u32(flags), event));
    }

    /** A large event block (0x221) whose parameter lengths are u32. */
    ScapBuilder largeEvent(int cpu, long ts, long tid, int type, byte[]... params) {
        byte[] event = eventBytes(ts, tid, type, 4, params);
        return block(BlockType.EVENT_V2_LARGE, concat(u16(cpu), event));
    }

    /** A legacy event block (0x204): 22-byte header without nparams. */
    ScapBuilder legacyEvent(int cpu, long ts, long tid, int type, byte[]... params) {
        byte[] current = eventBytes(ts, tid, type, 2, params);
        ByteBuffer legacy = le(current.length - 4);
        legacy.putLong(ts).putLong(tid).putInt(current.length - 4).putShort((short) type);
        legacy.put(current, 26, current.length - 26);
        return block(BlockType.EVENT, concat(u16(cpu), legacy.array()));
    }

    /** The bytes of a current-layout event. */
    static byte[] eventBytes(long ts, long tid, int type, int lengthSize, byte[]... params) {
        int size = 26 + lengthSize * params.length;
        for (byte[] param : params) {
            size += param.length;
        }
        ByteBuffer event = le(size);
        event.putLong(ts).putLong(tid).putInt(size).putShort((short) type).putInt(params.length);
        for (byte[] param : params) {
            if (lengthSize == 2) {
                event.putShort((short) param.length);
            } else {
                event.putInt(param.length);
            }
        }
        for (byte[] param : params) {
            event.put(param);
        }
        return event.array();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    static byte[] u16(int value) {
        return le(2).putShort((short) value).array();
    }

    static byte[] u32(int value) {
        return le(4).putInt(value).array();
    }

    static byte[] u64(long value) {
        return le(8).putLong(value).array();
    }

    /** A NUL-terminated string parameter. */
    static byte[] cstring(String text) {
        return concat(text.getBytes(StandardCharsets.UTF_8), new byte[1]);
    }

    /** A {@code u16 length + bytes} metadata string. */
    static byte[] str16(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return concat(u16(bytes.length), bytes);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
