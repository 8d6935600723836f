package dev.peregrine.platform.condition.eval;

/** Containment of a left address in a right network: {@code (addr & mask) == (net & mask)}. */
final class NetworkComparator implements ValueComparator {
    private final boolean negate;

    NetworkComparator(boolean negate) {
        this.negate = negate;
    }

    @Override
    public boolean test(ValueBuffer left, int leftIndex, ValueBuffer right, int rightIndex) {
        int length = left.bytesLength(leftIndex);
        if (length != right.bytesLength(rightIndex)) {
            // different families: never inside, so only != holds
            return negate;
        }
        boolean inside = IpAddresses.inNetwork(left.bytesAt(leftIndex), right.bytesAt(rightIndex), length,
                right.prefixLengthAt(rightIndex));
        return inside != negate;
    }
}
