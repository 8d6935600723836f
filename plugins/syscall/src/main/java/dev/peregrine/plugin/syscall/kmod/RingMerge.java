package dev.peregrine.plugin.syscall.kmod;

import dev.peregrine.plugin.syscall.event.EventView;
import java.util.List;

/**
 * Merges the per-CPU rings into one stream ordered by timestamp, as libscap does: among the pending
 * events of all rings the one with the smallest {@code ts} goes first; a ring is refilled only once its
 * chunk is empty. Events are numbered from 1 in delivery order.
 */
public final class RingMerge {

    private final DeviceRing[] rings;
    private DeviceRing last;
    private long number;

    public RingMerge(List<DeviceRing> rings) {
        this.rings = rings.toArray(DeviceRing[]::new);
    }

    /**
     * The next event, or null when every ring is empty right now. The previous event is consumed by this
     * call; the returned view is valid until the next one.
     */
    public EventView next() {
        if (last != null) {
            last.advance();
            last = null;
        }
        DeviceRing best = null;
        long bestTs = 0;
        for (DeviceRing ring : rings) {
            EventView pending = ring.peek();
            if (pending != null && (best == null || Long.compareUnsigned(pending.timestampNanos(), bestTs) < 0)) {
                best = ring;
                bestTs = pending.timestampNanos();
            }
        }
        if (best == null) {
            return null;
        }
        last = best;
        return best.peek().position(++number, best.cpu(), 0);
    }

    /** The counters of every ring added up. */
    public DropCounters counters() {
        DropCounters sum = DropCounters.ZERO;
        for (DeviceRing ring : rings) {
            sum = sum.plus(ring.counters());
        }
        return sum;
    }

    /** Number of rings merged. */
    public int ringCount() {
        return rings.length;
    }
}
