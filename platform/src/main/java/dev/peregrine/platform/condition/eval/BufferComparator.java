package dev.peregrine.platform.condition.eval;

import java.util.Arrays;

/** Byte-wise operators on buffers: equality, containment, prefix and suffix. */
final class BufferComparator implements ValueComparator {

    /** What the comparator checks. */
    enum Mode { EQUAL, NOT_EQUAL, CONTAINS, PREFIX, SUFFIX }

    private final Mode mode;

    BufferComparator(Mode mode) {
        this.mode = mode;
    }

    @Override
    public boolean test(ValueBuffer left, int leftIndex, ValueBuffer right, int rightIndex) {
        byte[] a = left.bytesAt(leftIndex);
        int aLength = left.bytesLength(leftIndex);
        byte[] b = right.bytesAt(rightIndex);
        int bLength = right.bytesLength(rightIndex);
        if (a == null) {
            a = Texts.EMPTY;
        }
        if (b == null) {
            b = Texts.EMPTY;
        }
        return switch (mode) {
            case EQUAL -> Arrays.equals(a, 0, aLength, b, 0, bLength);
            case NOT_EQUAL -> !Arrays.equals(a, 0, aLength, b, 0, bLength);
            case CONTAINS -> Texts.indexOf(a, aLength, b, bLength) >= 0;
            case PREFIX -> bLength <= aLength && Arrays.equals(a, 0, bLength, b, 0, bLength);
            case SUFFIX -> bLength <= aLength && Arrays.equals(a, aLength - bLength, aLength, b, 0, bLength);
        };
    }
}
