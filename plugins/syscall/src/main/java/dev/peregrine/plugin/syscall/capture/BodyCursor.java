package dev.peregrine.plugin.syscall.capture;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounds-checked little-endian reads over one region of a block body. Every read that would run past
 * the region end fails with a {@link MalformedBlockException} naming the field, so truncated entries
 * are reported precisely instead of being read from the next block.
 */
final class BodyCursor {

    private final ByteBuffer buffer;
    private int index;
    private int end;

    BodyCursor(ByteBuffer buffer, int start, int end) {
        this.buffer = buffer;
        this.index = start;
        this.end = end;
    }

    int index() {
        return index;
    }

    int end() {
        return end;
    }

    int remaining() {
        return end - index;
    }

    /** Restricts reads to {@code [index, newEnd)}; returns the previous end to restore later. */
    int limitTo(int newEnd, String what) {
        if (newEnd > end || newEnd < index) {
            throw new MalformedBlockException(index, what + " of " + (newEnd - index)
                    + " bytes runs past the end of its block (" + (end - index) + " bytes left)");
        }
        int previous = end;
        end = newEnd;
        return previous;
    }

    void restoreEnd(int previousEnd) {
        end = previousEnd;
    }

    void seek(int newIndex) {
        index = newIndex;
    }

    private int take(int size, String field) {
        if (end - index < size) {
            throw new MalformedBlockException(index, "expected " + field + " (" + size + " bytes) but only "
                    + Math.max(0, end - index) + " bytes are left in the entry");
        }
        int at = index;
        index += size;
        return at;
    }

    int u8(String field) {
        return buffer.get(take(1, field)) & 0xFF;
    }

    int u16(String field) {
        return buffer.getShort(take(2, field)) & 0xFFFF;
    }

    long u32(String field) {
        return buffer.getInt(take(4, field)) & 0xFFFF_FFFFL;
    }

    int i32(String field) {
        return buffer.getInt(take(4, field));
    }

    long i64(String field) {
        return buffer.getLong(take(8, field));
    }

    byte[] bytes(int size, String field) {
        int at = take(size, field);
        byte[] out = new byte[size];
        buffer.get(at, out);
        return out;
    }

    void skip(int size, String field) {
        take(size, field);
    }

    /** A {@code u16 length + bytes} string with no terminator; rejects lengths above {@code max}. */
    String str16(String field, int max) {
        int length = u16(field + " length");
        if (length > max) {
            throw new MalformedBlockException(index - 2, field + " length " + length
                    + " exceeds the limit of " + max + " bytes");
        }
        return string(take(length, field), length);
    }

    /** A {@code u16 length + bytes} list of NUL-separated strings (a trailing NUL is optional). */
    List<String> list16(String field, int max) {
        int length = u16(field + " length");
        if (length > max) {
            throw new MalformedBlockException(index - 2, field + " length " + length
                    + " exceeds the limit of " + max + " bytes");
        }
        int at = take(length, field);
        List<String> items = new ArrayList<>();
        int start = at;
        int stop = at + length;
        for (int i = at; i < stop; i++) {
            if (buffer.get(i) == 0) {
                items.add(string(start, i - start));
                start = i + 1;
            }
        }
        if (start < stop) {
            items.add(string(start, stop - start));
        }
        return items;
    }

    /** Bytes up to the first NUL (or all of them), as text. */
    String fixedString(int size, String field) {
        int at = take(size, field);
        int length = 0;
        while (length < size && buffer.get(at + length) != 0) {
            length++;
        }
        return string(at, length);
    }

    private String string(int at, int length) {
        if (buffer.hasArray()) {
            return new String(buffer.array(), buffer.arrayOffset() + at, length, StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[length];
        buffer.get(at, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    MalformedBlockException error(String detail) {
        return new MalformedBlockException(index, detail);
    }
}
