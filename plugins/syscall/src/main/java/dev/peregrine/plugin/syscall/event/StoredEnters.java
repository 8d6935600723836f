package dev.peregrine.plugin.syscall.event;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The last stored enter event of each thread, for the converter's enter/exit merge. An open-addressing
 * table keyed by thread id: lookups box nothing, and a thread's copy buffer is kept when its enter is
 * used up, so the steady store/merge cycle of a busy thread allocates nothing.
 */
final class StoredEnters {

    private static final int MIN_BUFFER = 256;

    private long[] tids = new long[64];
    private ByteBuffer[] buffers = new ByteBuffer[64];
    private boolean[] live = new boolean[64];
    private int used;

    /** Copies {@code event} as the stored enter of its thread, replacing any earlier one. */
    void store(EventView event) {
        long tid = event.tid();
        int length = event.length();
        int slot = slot(tid);
        if (buffers[slot] == null) {
            if (2 * (used + 1) > tids.length) {
                grow();
                slot = slot(tid);
            }
            tids[slot] = tid;
            used++;
        }
        ByteBuffer copy = buffers[slot];
        if (copy == null || copy.capacity() < length) {
            copy = ByteBuffer.allocate(Math.max(length, MIN_BUFFER)).order(ByteOrder.LITTLE_ENDIAN);
            buffers[slot] = copy;
        }
        copy.put(0, event.buffer(), event.offset(), length);
        live[slot] = true;
    }

    /** The stored enter of {@code tid}, or null when none is stored (or it was used up). */
    ByteBuffer find(long tid) {
        int slot = slot(tid);
        return live[slot] ? buffers[slot] : null;
    }

    /** Marks the stored enter of {@code tid} as used up. */
    void forget(long tid) {
        live[slot(tid)] = false;
    }

    /** The slot holding {@code tid}, or the empty slot where it would go. */
    private int slot(long tid) {
        int mask = tids.length - 1;
        int i = (int) mix(tid) & mask;
        while (buffers[i] != null && tids[i] != tid) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }

    private void grow() {
        long[] oldTids = tids;
        ByteBuffer[] oldBuffers = buffers;
        boolean[] oldLive = live;
        tids = new long[oldTids.length * 2];
        buffers = new ByteBuffer[oldTids.length * 2];
        live = new boolean[oldTids.length * 2];
        for (int i = 0; i < oldTids.length; i++) {
            if (oldBuffers[i] != null) {
                int slot = slot(oldTids[i]);
                tids[slot] = oldTids[i];
                buffers[slot] = oldBuffers[i];
                live[slot] = oldLive[i];
            }
        }
    }
}
