package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.ValueSink;
import java.util.Arrays;

/**
 * Reusable holder of the values one extraction produced. Arrays grow on demand and are kept
 * across {@link #reset()}, so numbers, booleans, addresses and buffers cost no allocation per
 * event once the buffer has warmed up. Strings are kept by reference.
 *
 * <p>Every value occupies one index; numbers fill both the long and the double view, so
 * consumers read whichever the field type calls for. Not thread-safe: one buffer per node.
 */
public final class ValueBuffer implements ValueSink {

    private static final int INITIAL_CAPACITY = 4;

    private int size;
    private long[] longs = new long[INITIAL_CAPACITY];
    private double[] doubles = new double[INITIAL_CAPACITY];
    private String[] strings = new String[INITIAL_CAPACITY];
    private byte[][] bytes = new byte[INITIAL_CAPACITY][];
    private int[] byteLengths = new int[INITIAL_CAPACITY];
    private int[] prefixLengths = new int[INITIAL_CAPACITY];

    /** Forgets every value; keeps the storage. */
    public void reset() {
        size = 0;
    }

    /** Number of values held. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long longAt(int index) {
        return longs[index];
    }

    public double doubleAt(int index) {
        return doubles[index];
    }

    public boolean booleanAt(int index) {
        return longs[index] != 0;
    }

    /** The string at {@code index}; for buffers and addresses, null. */
    public String stringAt(int index) {
        return strings[index];
    }

    /** The byte storage of a buffer, address or network value; only the first {@link #bytesLength} count. */
    public byte[] bytesAt(int index) {
        byte[] stored = bytes[index];
        return stored == null ? Texts.EMPTY : stored;
    }

    public int bytesLength(int index) {
        return byteLengths[index];
    }

    /** Prefix length of a network value; -1 for plain addresses. */
    public int prefixLengthAt(int index) {
        return prefixLengths[index];
    }

    /** Copies one value of {@code other} into this buffer. */
    public void addFrom(ValueBuffer other, int index) {
        int slot = nextSlot();
        longs[slot] = other.longs[index];
        doubles[slot] = other.doubles[index];
        strings[slot] = other.strings[index];
        prefixLengths[slot] = other.prefixLengths[index];
        byte[] source = other.bytes[index];
        if (source != null) {
            copyBytes(slot, source, 0, other.byteLengths[index]);
        } else {
            byteLengths[slot] = 0;
        }
    }

    @Override
    public void addLong(long value) {
        int slot = nextSlot();
        longs[slot] = value;
        doubles[slot] = value;
        strings[slot] = null;
        byteLengths[slot] = 0;
        prefixLengths[slot] = -1;
    }

    @Override
    public void addDouble(double value) {
        int slot = nextSlot();
        longs[slot] = (long) value;
        doubles[slot] = value;
        strings[slot] = null;
        byteLengths[slot] = 0;
        prefixLengths[slot] = -1;
    }

    @Override
    public void addBoolean(boolean value) {
        addLong(value ? 1 : 0);
    }

    /** Adds text; like libsinsp, a value ends at its first NUL character. */
    @Override
    public void addString(String value) {
        int nul = value.indexOf('\0');
        String stored = nul < 0 ? value : value.substring(0, nul);
        int slot = nextSlot();
        strings[slot] = stored;
        longs[slot] = 0;
        doubles[slot] = 0;
        byteLengths[slot] = 0;
        prefixLengths[slot] = -1;
    }

    @Override
    public void addBytes(byte[] value, int offset, int length) {
        int slot = nextSlot();
        copyBytes(slot, value, offset, length);
        strings[slot] = null;
        longs[slot] = 0;
        doubles[slot] = 0;
        prefixLengths[slot] = -1;
    }

    @Override
    public void addAddress(byte[] address) {
        addBytes(address, 0, address.length);
    }

    @Override
    public void addNetwork(byte[] address, int prefixLength) {
        addBytes(address, 0, address.length);
        prefixLengths[size - 1] = prefixLength;
    }

    private void copyBytes(int slot, byte[] source, int offset, int length) {
        byte[] target = bytes[slot];
        if (target == null || target.length < length) {
            target = new byte[Math.max(length, 16)];
            bytes[slot] = target;
        }
        System.arraycopy(source, offset, target, 0, length);
        byteLengths[slot] = length;
    }

    private int nextSlot() {
        if (size == longs.length) {
            int capacity = size * 2;
            longs = Arrays.copyOf(longs, capacity);
            doubles = Arrays.copyOf(doubles, capacity);
            strings = Arrays.copyOf(strings, capacity);
            bytes = Arrays.copyOf(bytes, capacity);
            byteLengths = Arrays.copyOf(byteLengths, capacity);
            prefixLengths = Arrays.copyOf(prefixLengths, capacity);
        }
        return size++;
    }
}
