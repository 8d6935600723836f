package dev.peregrine.plugin.syscall.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PartitionClockTest {

    @Test
    void aLifecycleEventWaitsUntilTheOtherPartitionHasDoneEverythingOlder() throws Exception {
        PartitionClock clock = new PartitionClock(2, 10_000);
        clock.publish(1, 100);
        Thread waiter = Thread.ofPlatform().start(() -> clock.awaitOthers(0, 150));
        waiter.join(100);
        assertTrue(waiter.isAlive(), "partition 1 still has an event older than 150 pending");
        clock.publish(1, 150);
        waiter.join(TimeUnit.SECONDS.toMillis(5));
        assertFalse(waiter.isAlive(), "released once partition 1 reached 150");
        assertEquals(0, clock.lapses());
    }

    @Test
    void partitionsAtTheSameTimeDoNotWaitForEachOther() {
        PartitionClock clock = new PartitionClock(3, 10_000);
        clock.publish(0, 100);
        clock.publish(1, 100);
        clock.idle(2);
        long start = System.nanoTime();
        clock.awaitOthers(0, 100);
        clock.awaitOthers(1, 100);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
        assertEquals(0, clock.lapses());
    }

    @Test
    void aStalledPartitionIsWaitedForOnlyUpToTheLimitAndTheLapseIsCounted() {
        PartitionClock clock = new PartitionClock(2, 30);
        clock.publish(1, 10);
        long start = System.nanoTime();
        clock.awaitOthers(0, 100);
        long waited = System.nanoTime() - start;
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(30), "waited " + waited + " ns");
        assertTrue(waited < TimeUnit.SECONDS.toNanos(5), "waited " + waited + " ns");
        assertEquals(1, clock.lapses());
    }

    @Test
    void anIdlePartitionWhoseRingWasWrittenSinceIsWaitedForUntilItLooks() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean ringDrained = new java.util.concurrent.atomic.AtomicBoolean(false);
        PartitionClock clock = new PartitionClock(List.of(() -> true, ringDrained::get), 10_000);
        clock.idle(1);
        Thread waiter = Thread.ofPlatform().start(() -> clock.awaitOthers(0, 150));
        waiter.join(100);
        assertTrue(waiter.isAlive(), "partition 1 went idle but a record has landed in its ring since");
        clock.publish(1, 120);
        waiter.join(100);
        assertTrue(waiter.isAlive(), "that record is older than 150");
        clock.publish(1, 200);
        waiter.join(TimeUnit.SECONDS.toMillis(5));
        assertFalse(waiter.isAlive());
        clock.idle(1);
        ringDrained.set(true);
        clock.awaitOthers(0, 300);
        assertEquals(0, clock.lapses());
    }
}
