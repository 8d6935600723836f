package dev.peregrine.plugin.syscall.state;

import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A hash map from primitive {@code long} keys (tids, fd numbers) to values, with open addressing: lookups
 * on the per-event path box nothing. Not thread safe; iteration order is unspecified.
 */
final class LongMap<V> {

    private static final float LOAD = 0.6f;

    private long[] keys;
    private Object[] values;
    private int size;

    LongMap() {
        this(16);
    }

    LongMap(int capacity) {
        int n = Integer.highestOneBit(Math.max(4, capacity) - 1) << 1;
        keys = new long[n];
        values = new Object[n];
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int mask = keys.length - 1;
        for (int i = index(key, mask); ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                return (V) v;
            }
        }
    }

    /** Maps {@code key} to {@code value} (not null), replacing any previous value. */
    void put(long key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null values are not stored");
        }
        if (size + 1 > keys.length * LOAD) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = index(key, mask); ; i = (i + 1) & mask) {
            if (values[i] == null) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    V remove(long key) {
        int mask = keys.length - 1;
        for (int i = index(key, mask); ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                values[i] = null;
                size--;
                shiftBack(i, mask);
                return (V) v;
            }
        }
    }

    /** Closes the gap at {@code hole} by moving later entries of the probe run back (no tombstones). */
    private void shiftBack(int hole, int mask) {
        for (int i = (hole + 1) & mask; values[i] != null; i = (i + 1) & mask) {
            int home = index(keys[i], mask);
            boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (movable) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                values[i] = null;
                hole = i;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                @SuppressWarnings("unchecked")
                V v = (V) oldValues[i];
                put(oldKeys[i], v);
            }
        }
    }

    private static int index(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** The key stored at slot {@code i} (for iteration). */
    long keyAt(int i) {
        return keys[i];
    }

    /** The value at slot {@code i}, or null for an empty slot. */
    @SuppressWarnings("unchecked")
    V valueAt(int i) {
        return (V) values[i];
    }

    int capacity() {
        return keys.length;
    }

    /** A copy with the same entries. */
    LongMap<V> copy() {
        LongMap<V> copy = new LongMap<>(1);
        copy.keys = Arrays.copyOf(keys, keys.length);
        copy.values = Arrays.copyOf(values, values.length);
        copy.size = size;
        return copy;
    }

    /** A live view of the values. */
    Collection<V> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<V> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < values.length && values[i] == null) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public V next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        V v = (V) values[next];
                        next = advance(next + 1);
                        return v;
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
