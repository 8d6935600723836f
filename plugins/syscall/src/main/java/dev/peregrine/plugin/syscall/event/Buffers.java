package dev.peregrine.plugin.syscall.event;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bulk byte moves between event buffers. Replay buffers are heap buffers, where a plain
 * {@code System.arraycopy} is both faster for the short copies of event parameters and far smaller
 * for the JIT than {@code ByteBuffer.put(int, ByteBuffer, int, int)} (whose inlined checks made the
 * converter's and reader's hot methods several times larger); other buffers (mapped ring buffers)
 * take the {@code ByteBuffer} path.
 */
public final class Buffers {

    private Buffers() {
    }

    /** Copies {@code length} bytes from {@code source[from..]} to {@code target[at..]} (absolute indices). */
    public static void copy(ByteBuffer source, int from, ByteBuffer target, int at, int length) {
        if (source.hasArray() && target.hasArray()) {
            System.arraycopy(source.array(), source.arrayOffset() + from, target.array(), target.arrayOffset() + at, length);
        } else {
            target.put(at, source, from, length);
        }
    }

    /** Sets {@code length} bytes of {@code target} from {@code at} to {@code value}. */
    public static void fill(ByteBuffer target, int at, int length, byte value) {
        if (target.hasArray()) {
            int start = target.arrayOffset() + at;
            Arrays.fill(target.array(), start, start + length, value);
        } else {
            for (int i = 0; i < length; i++) {
                target.put(at + i, value);
            }
        }
    }
}
