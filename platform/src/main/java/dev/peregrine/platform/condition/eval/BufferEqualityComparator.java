package dev.peregrine.platform.condition.eval;

import java.util.Arrays;

/** {@code =}/{@code !=} on buffers: same length and same bytes. */
final class BufferEqualityComparator implements ValueComparator {
    private final boolean negate;

    BufferEqualityComparator(boolean negate) {
        this.negate = negate;
    }

    @Override
    public boolean test(ValueBuffer left, int leftIndex, ValueBuffer right, int rightIndex) {
        boolean equal = Arrays.equals(left.bytesAt(leftIndex), 0, left.bytesLength(leftIndex),
                right.bytesAt(rightIndex), 0, right.bytesLength(rightIndex));
        return equal != negate;
    }
}
