package dev.peregrine.plugin.syscall.kmod;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kmod ring consumer against rings laid out in memory-mapped regular files. */
class DeviceRingTest {

    static final EventTable TABLE = EventTable.standard();
    static final int SIZE = 16 * 4096;
    /** PPME_SYSCALL_READ_X: res, data, fd, size. */
    static final int READ_X = 7;

    @TempDir
    Path dir;
    private final List<FileChannel> open = new ArrayList<>();

    @AfterEach
    void closeChannels() throws IOException {
        for (FileChannel c : open) {
            c.close();
        }
    }

    /** A read-exit event of {@code padding + 54} bytes whose res is {@code ts} and fd is 3. */
    static byte[] event(long ts, long tid, int padding) {
        int length = 26 + 2 * 4 + 8 + padding + 8 + 4;
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(ts).putLong(tid).putInt(length).putShort((short) READ_X).putInt(4);
        b.putShort((short) 8).putShort((short) padding).putShort((short) 8).putShort((short) 4);
        b.putLong(ts);
        for (int i = 0; i < padding; i++) {
            b.put((byte) (ts + i));
        }
        b.putLong(3).putInt(padding);
        return b.array();
    }

    DeviceRing consumer(Path file, int cpu) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        open.add(channel);
        MappedByteBuffer info = channel.map(FileChannel.MapMode.READ_WRITE, 0, 4096);
        MappedByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, 4096, SIZE);
        return new DeviceRing(cpu, info, data, TABLE);
    }

    @Test
    void eventsAreReadInOrderAndTheTailIsPublishedOnlyAfterTheWholeChunk() throws IOException {
        Path file = dir.resolve("ring0");
        try (FileRingProducer producer = new FileRingProducer(file, SIZE)) {
            DeviceRing ring = consumer(file, 0);
            assertNull(ring.peek(), "an empty ring has nothing");
            byte[] a = event(10, 1, 5);
            byte[] b = event(20, 1, 7);
            producer.write(a);
            producer.write(b);
            EventView first = ring.peek();
            assertArrayEquals(a, first.toByteArray());
            assertTrue(ring.peek() == first, "peek does not consume");
            ring.advance();
            byte[] c = event(30, 1, 1);
            producer.write(c); // published after the chunk was taken: not part of it
            assertArrayEquals(b, ring.peek().toByteArray());
            assertEquals(0, producer.tail(), "tail stays until the chunk is consumed");
            ring.advance();
            assertArrayEquals(c, ring.peek().toByteArray(), "the next chunk starts after the published tail");
            assertEquals(a.length + b.length, producer.tail(), "tail released after the first chunk");
            ring.advance();
            assertNull(ring.peek());
            assertEquals(producer.head(), producer.tail());
            assertEquals(0, ring.backlog());
        }
    }

    @Test
    void anEventThatWrapsAroundTheEndIsReadWhole() throws IOException {
        Path file = dir.resolve("ring0");
        try (FileRingProducer producer = new FileRingProducer(file, SIZE)) {
            producer.startAt(SIZE - 50);
            DeviceRing ring = consumer(file, 0);
            byte[] wrapping = event(7, 2, 100); // 154 bytes: 50 before the end, 104 after
            byte[] headerWraps = event(8, 2, 0);
            assertTrue(producer.write(wrapping));
            assertArrayEquals(wrapping, ring.peek().toByteArray());
            assertEquals(wrapping.length, ring.peek().length());
            assertEquals(3, ring.peek().paramLong(2), "parameters after the wrap decode");
            assertEquals(100, ring.peek().paramInt(3));
            ring.advance();
            assertNull(ring.peek());
            assertEquals(104, producer.tail());
            producer.startAt(SIZE - 10); // the header itself straddles the end
            DeviceRing again = consumer(file, 0);
            assertTrue(producer.write(headerWraps));
            assertArrayEquals(headerWraps, again.peek().toByteArray());
        }
    }

    @Test
    void aFullRingDropsAndTheCountersComeFromTheInfoPage() throws IOException {
        Path file = dir.resolve("ring0");
        try (FileRingProducer producer = new FileRingProducer(file, SIZE)) {
            DeviceRing ring = consumer(file, 0);
            int written = 0;
            while (producer.write(event(written, 1, 1000))) {
                written++;
            }
            producer.write(event(written, 1, 1000));
            producer.counter(12, 5); // n_drops_pf
            producer.counter(14, 9); // n_context_switches
            DropCounters counters = ring.counters();
            assertEquals(written + 2, counters.events());
            assertEquals(2, counters.dropsBuffer());
            assertEquals(5, counters.dropsPageFaults());
            assertEquals(9, counters.contextSwitches());
            assertEquals(7, counters.totalDrops());
            int read = 0;
            for (EventView e = ring.peek(); e != null; e = ring.peek()) {
                assertEquals(read, e.timestampNanos());
                ring.advance();
                read++;
            }
            assertEquals(written, read);
        }
    }

    @Test
    void ringsAreMergedByTimestamp() throws IOException {
        Path f0 = dir.resolve("ring0");
        Path f1 = dir.resolve("ring1");
        try (FileRingProducer p0 = new FileRingProducer(f0, SIZE); FileRingProducer p1 = new FileRingProducer(f1, SIZE)) {
            for (long ts : new long[] {1, 4, 5, 9}) {
                p0.write(event(ts, 100, 0));
            }
            for (long ts : new long[] {2, 3, 6, 10}) {
                p1.write(event(ts, 200, 0));
            }
            RingMerge merge = new RingMerge(List.of(consumer(f0, 0), consumer(f1, 1)));
            List<String> order = new ArrayList<>();
            for (EventView e = merge.next(); e != null; e = merge.next()) {
                order.add(e.number() + ":" + e.timestampNanos() + "@" + e.cpu());
            }
            assertEquals(List.of("1:1@0", "2:2@1", "3:3@1", "4:4@0", "5:5@0", "6:6@1", "7:9@0", "8:10@1"), order);
            assertEquals(8, merge.counters().events());
        }
    }

    @Test
    void anImpossibleEventLengthIsReportedAsCorruption() throws IOException {
        Path file = dir.resolve("ring0");
        try (FileRingProducer producer = new FileRingProducer(file, SIZE)) {
            DeviceRing ring = consumer(file, 3);
            byte[] bad = event(1, 1, 0);
            ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 10_000);
            producer.write(bad);
            IllegalStateException e = assertThrows(IllegalStateException.class, ring::peek);
            assertTrue(e.getMessage().startsWith("kernel module ring of cpu 3 is corrupt at offset 0: event length 10000"),
                    e.getMessage());
            assertFalse(e.getMessage().isEmpty());
        }
    }
}
