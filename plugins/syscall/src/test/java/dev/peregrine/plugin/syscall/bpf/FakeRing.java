package dev.peregrine.plugin.syscall.bpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A BPF ring buffer laid out in plain direct buffers the way the kernel maps it, with a producer
 * that writes records as the kernel does: reserve (BUSY header, producer position advanced), then
 * commit or discard. The data area is written twice, at {@code i} and {@code i + size}, standing in
 * for the kernel's double mapping.
 */
public final class FakeRing {

    public final ByteBuffer consumerPage = ByteBuffer.allocateDirect(4096).order(ByteOrder.LITTLE_ENDIAN);
    public final ByteBuffer producerPage = ByteBuffer.allocateDirect(4096).order(ByteOrder.LITTLE_ENDIAN);
    public final ByteBuffer data;
    private final int size;
    private long producer;

    /** A ring of {@code size} data bytes (a power of two) whose positions start at {@code start}. */
    public FakeRing(int size, long start) {
        this.size = size;
        this.data = ByteBuffer.allocateDirect(2 * size).order(ByteOrder.LITTLE_ENDIAN);
        this.producer = start;
        consumerPage.putLong(0, start);
        producerPage.putLong(0, start);
    }

    /** A reader over this ring. */
    public RingBuffer reader(int index) {
        return new RingBuffer(index, consumerPage, producerPage, data, size);
    }

    /** The consumer position the reader last released. */
    public long consumerPosition() {
        return consumerPage.getLong(0);
    }

    /** The producer position. */
    public long producerPosition() {
        return producer;
    }

    /** Reserves a record for {@code payload}, writes it, leaves it BUSY; returns its position. */
    public long reserve(byte[] payload) {
        long free = size - (producer - consumerPosition());
        long need = (RingBuffer.HEADER + payload.length + 7) & ~7L;
        if (need > free) {
            throw new IllegalStateException("ring full");
        }
        long at = producer;
        putInt(at, payload.length | RingBuffer.BUSY);
        putInt(at + 4, 0);
        for (int i = 0; i < payload.length; i++) {
            putByte(at + RingBuffer.HEADER + i, payload[i]);
        }
        producer += need;
        producerPage.putLong(0, producer);
        return at;
    }

    /** Clears BUSY on the record at {@code at}. */
    public void commit(long at, int length) {
        putInt(at, length);
    }

    /** Marks the record at {@code at} discarded. */
    public void discard(long at, int length) {
        putInt(at, length | RingBuffer.DISCARD);
    }

    /** Reserves and commits. */
    public void write(byte[] payload) {
        commit(reserve(payload), payload.length);
    }

    private void putInt(long position, int value) {
        for (int i = 0; i < 4; i++) {
            putByte(position + i, (byte) (value >>> (8 * i)));
        }
    }

    private void putByte(long position, byte value) {
        int offset = (int) (position & (size - 1));
        data.put(offset, value);
        data.put(offset + size, value);
    }
}
