package dev.peregrine.platform.condition.eval;

/** {@code contains}/{@code bcontains} on buffers: the right bytes occur in the left bytes. */
final class BufferContainsComparator implements ValueComparator {

    @Override
    public boolean test(ValueBuffer left, int leftIndex, ValueBuffer right, int rightIndex) {
        return Texts.indexOf(left.bytesAt(leftIndex), left.bytesLength(leftIndex),
                right.bytesAt(rightIndex), right.bytesLength(rightIndex)) >= 0;
    }
}
