package dev.peregrine.platform.condition.eval;

import java.util.Arrays;

/** {@code startswith}/{@code bstartswith} (prefix) or {@code endswith} (suffix) on buffers. */
final class BufferAffixComparator implements ValueComparator {
    private final boolean suffix;

    BufferAffixComparator(boolean suffix) {
        this.suffix = suffix;
    }

    @Override
    public boolean test(ValueBuffer left, int leftIndex, ValueBuffer right, int rightIndex) {
        int length = left.bytesLength(leftIndex);
        int affixLength = right.bytesLength(rightIndex);
        if (affixLength > length) {
            return false;
        }
        int start = suffix ? length - affixLength : 0;
        return Arrays.equals(left.bytesAt(leftIndex), start, start + affixLength,
                right.bytesAt(rightIndex), 0, affixLength);
    }
}
