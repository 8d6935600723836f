package dev.peregrine.platform.condition.eval;

import java.util.Arrays;

/** Equality of IP addresses; an IPv4 and an IPv6 address are never equal. */
final class AddressComparator implements ValueComparator {
    private final boolean negate;

    AddressComparator(boolean negate) {
        this.negate = negate;
    }

    @Override
    public boolean test(ValueBuffer left, int leftIndex, ValueBuffer right, int rightIndex) {
        boolean equal = Arrays.equals(left.bytesAt(leftIndex), 0, left.bytesLength(leftIndex),
                right.bytesAt(rightIndex), 0, right.bytesLength(rightIndex));
        return equal != negate;
    }
}
