package dev.peregrine.plugin.syscall.bpf;

import java.util.List;

/**
 * Merges several rings into one time-ordered stream as libscap and libpman do: among the pending
 * heads of all rings it picks the record with the smallest timestamp (the u64 at the start of the
 * payload, the ppm event's {@code ts}), and only the ring it picked advances.
 */
public final class RingMerger {

    private final RingBuffer[] rings;

    /** Merges {@code rings}. */
    public RingMerger(List<RingBuffer> rings) {
        this.rings = rings.toArray(new RingBuffer[0]);
    }

    /** The rings, by index. */
    public RingBuffer ring(int index) {
        return rings[index];
    }

    /** Number of rings. */
    public int size() {
        return rings.length;
    }

    /**
     * The ring whose pending record is the oldest, leaving that record pending.
     *
     * @return the ring's position in the list, or -1 when no ring has a committed record
     */
    public int next() {
        int best = -1;
        long bestTs = Long.MAX_VALUE;
        for (int i = 0; i < rings.length; i++) {
            RingBuffer ring = rings[i];
            int at = ring.peek();
            if (at < 0) {
                continue;
            }
            long ts = ring.pendingLength() >= 8 ? ring.data().getLong(at) : 0;
            if (best < 0 || Long.compareUnsigned(ts, bestTs) < 0) {
                best = i;
                bestTs = ts;
            }
        }
        return best;
    }
}
