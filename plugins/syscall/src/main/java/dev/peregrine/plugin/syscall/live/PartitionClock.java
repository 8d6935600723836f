package dev.peregrine.plugin.syscall.live;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * How far each partition of a live capture has got in event time, so that process-lifecycle events
 * (clone, execve, exit) change the shared thread table in timestamp order across partitions.
 *
 * <p>Each partition publishes a watermark: every event of its ring older than it has been applied and
 * evaluated ({@code Long.MAX_VALUE} once it found its ring empty; while it sleeps, new records may land,
 * so an idle partition counts as done only while its ring stays drained). Before applying a lifecycle event at time
 * {@code t}, a partition waits until every other watermark reaches {@code t}: a child's first event then
 * finds the parent its parent's partition created, and an exit or execve does not change a process that
 * another partition's earlier events still read. The oldest waiting event always proceeds (ties
 * included), so partitions cannot wait on each other in a cycle; a partition whose thread stalls is
 * waited for at most {@code maxWaitNanos}, then the event proceeds and the lapse is counted. Other
 * events do not wait: they may see a lifecycle change of another partition that is slightly newer than
 * they are (relaxed consistency, as Falco's multi-thread proposal allows).
 */
public final class PartitionClock {

    /** Longs between two watermarks: one 128-byte line each, so partitions do not share a cache line. */
    private static final int STRIDE = 16;
    private static final int SPINS = 64;

    private final AtomicLongArray marks;
    private final int partitions;
    private final BooleanSupplier[] drained;
    private final long maxWaitNanos;
    private final LongAdder lapses = new LongAdder();

    /** A clock for {@code partitions} partitions that waits at most {@code maxWaitMillis} per event. */
    public PartitionClock(int partitions, long maxWaitMillis) {
        this(Collections.nCopies(partitions, () -> true), maxWaitMillis);
    }

    /**
     * A clock whose partitions read the rings {@code drained} describes: an idle partition whose ring
     * has received records since it went idle is waited for until it has looked at them.
     */
    public PartitionClock(List<BooleanSupplier> drained, long maxWaitMillis) {
        this.partitions = drained.size();
        this.drained = drained.toArray(new BooleanSupplier[0]);
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        this.marks = new AtomicLongArray(partitions * STRIDE);
    }

    /** Partition {@code index} has applied and evaluated every event older than {@code nanos}. */
    void publish(int index, long nanos) {
        // a release store: a plain move on x86, no fence on the per-event path
        marks.setRelease(index * STRIDE, nanos);
    }

    /** Partition {@code index} has nothing pending (empty ring, or closed). */
    void idle(int index) {
        publish(index, Long.MAX_VALUE);
    }

    /** Waits until every other partition has done all its events older than {@code nanos} (bounded). */
    void awaitOthers(int index, long nanos) {
        long deadline = 0;
        for (int other = 0; other < partitions; other++) {
            if (other == index) {
                continue;
            }
            int spins = 0;
            while (pendingBefore(other, nanos)) {
                if (++spins < SPINS) {
                    Thread.onSpinWait();
                    continue;
                }
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + maxWaitNanos;
                } else if (now - deadline > 0) {
                    lapses.increment();
                    return;
                }
                LockSupport.parkNanos(20_000);
            }
        }
    }

    /**
     * True while partition {@code other} may still hold an event older than {@code nanos}: its watermark
     * is older, or it went idle but its ring has been written to since (the record's time is unknown
     * until the partition reads it, within its next poll).
     */
    private boolean pendingBefore(int other, long nanos) {
        long mark = marks.getAcquire(other * STRIDE);
        if (mark == Long.MAX_VALUE) {
            return !drained[other].getAsBoolean();
        }
        return mark < nanos;
    }

    /** Lifecycle events that stopped waiting for a stalled partition. */
    public long lapses() {
        return lapses.sum();
    }
}
