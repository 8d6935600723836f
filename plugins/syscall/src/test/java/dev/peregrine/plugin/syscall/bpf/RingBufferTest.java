package dev.peregrine.plugin.syscall.bpf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingBufferTest {

    private static byte[] payload(long ts, int length) {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, ts);
        for (int i = 8; i < length; i++) {
            b.put(i, (byte) (i * 7 + ts));
        }
        return b.array();
    }

    private static byte[] read(RingBuffer ring, int at) {
        byte[] out = new byte[ring.pendingLength()];
        ring.data().get(at, out);
        return out;
    }

    @Test
    void recordsComeOutInOrderAndSpaceIsReleasedOnlyOnConsume() {
        FakeRing fake = new FakeRing(4096, 0);
        fake.write(payload(1, 30));
        fake.write(payload(2, 8));
        RingBuffer ring = fake.reader(0);

        int first = ring.peek();
        assertArrayEquals(payload(1, 30), read(ring, first));
        assertEquals(first, ring.peek(), "peeking again returns the same pending record");
        assertEquals(0, fake.consumerPosition(), "nothing released before consume");
        ring.consume();
        assertEquals(40, fake.consumerPosition(), "8-byte header + 30 bytes rounded up to 8");

        assertArrayEquals(payload(2, 8), read(ring, ring.peek()));
        ring.consume();
        assertEquals(56, fake.consumerPosition());
        assertEquals(-1, ring.peek());
        assertFalse(ring.hasPending());
    }

    @Test
    void aRecordWrappingPastTheEndReadsContiguouslyThroughTheSecondMapping() {
        FakeRing fake = new FakeRing(4096, 4096L * 5 - 24);
        byte[] big = payload(9, 100);
        fake.write(big);
        RingBuffer ring = fake.reader(0);
        int at = ring.peek();
        assertEquals(4096 - 24 + 8, at);
        assertTrue(at + big.length > 4096, "the payload crosses the end of the data area");
        assertArrayEquals(big, read(ring, at));
        ring.consume();
        assertEquals(4096L * 5 - 24 + 112, fake.consumerPosition());
    }

    @Test
    void manyRecordsAroundTheRingSeveralTimesKeepTheirBytes() {
        FakeRing fake = new FakeRing(4096, 0);
        RingBuffer ring = fake.reader(0);
        List<byte[]> seen = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            fake.write(payload(i, 26 + (i * 37) % 300));
            int at = ring.peek();
            seen.add(read(ring, at));
            ring.consume();
        }
        for (int i = 0; i < 500; i++) {
            assertArrayEquals(payload(i, 26 + (i * 37) % 300), seen.get(i), "record " + i);
        }
        assertEquals(fake.producerPosition(), fake.consumerPosition());
    }

    @Test
    void aBusyRecordStopsReadingUntilItIsCommittedEvenWithCommittedRecordsBehindIt() {
        FakeRing fake = new FakeRing(4096, 0);
        long busy = fake.reserve(payload(1, 16));
        fake.write(payload(2, 16));
        RingBuffer ring = fake.reader(0);
        assertEquals(-1, ring.peek(), "records are handed out in reservation order");
        fake.commit(busy, 16);
        assertArrayEquals(payload(1, 16), read(ring, ring.peek()));
        ring.consume();
        assertArrayEquals(payload(2, 16), read(ring, ring.peek()));
    }

    @Test
    void discardedRecordsAreSkippedAndTheirSpaceReleased() {
        FakeRing fake = new FakeRing(4096, 0);
        long dropped = fake.reserve(payload(1, 20));
        fake.discard(dropped, 20);
        fake.write(payload(2, 20));
        RingBuffer ring = fake.reader(0);
        int at = ring.peek();
        assertArrayEquals(payload(2, 20), read(ring, at));
        assertEquals(32, fake.consumerPosition(), "the discarded record was released while skipping it");
    }

    @Test
    void theMergerDeliversTheSmallestTimestampAmongRingHeads() {
        FakeRing a = new FakeRing(4096, 0);
        FakeRing b = new FakeRing(4096, 0);
        FakeRing c = new FakeRing(4096, 0);
        a.write(payload(10, 26));
        a.write(payload(40, 26));
        b.write(payload(20, 26));
        b.write(payload(30, 26));
        c.write(payload(5, 26));
        RingMerger merger = new RingMerger(List.of(a.reader(0), b.reader(1), c.reader(2)));
        List<Long> order = new ArrayList<>();
        List<Integer> rings = new ArrayList<>();
        int index;
        while ((index = merger.next()) >= 0) {
            RingBuffer ring = merger.ring(index);
            order.add(ring.data().getLong(ring.peek()));
            rings.add(ring.index());
            ring.consume();
        }
        assertEquals(List.of(5L, 10L, 20L, 30L, 40L), order);
        assertEquals(List.of(2, 0, 1, 1, 0), rings);
    }

    @Test
    void theMergerAdvancesOnlyTheRingItPicked() {
        FakeRing a = new FakeRing(4096, 0);
        FakeRing b = new FakeRing(4096, 0);
        a.write(payload(2, 26));
        b.write(payload(1, 26));
        RingMerger merger = new RingMerger(List.of(a.reader(0), b.reader(1)));
        assertEquals(1, merger.next());
        merger.ring(1).consume();
        assertEquals(0, a.consumerPosition());
        assertEquals(40, b.consumerPosition());
        assertEquals(0, merger.next());
    }
}
