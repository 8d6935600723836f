package dev.peregrine.platform.condition.eval;

/** {@code startswith} (prefix) or {@code endswith} (suffix) on strings. */
final class StringAffixComparator implements ValueComparator {
    private final boolean suffix;

    StringAffixComparator(boolean suffix) {
        this.suffix = suffix;
    }

    @Override
    public boolean test(ValueBuffer left, int leftIndex, ValueBuffer right, int rightIndex) {
        String text = left.stringAt(leftIndex);
        String affix = right.stringAt(rightIndex);
        return suffix ? text.endsWith(affix) : text.startsWith(affix);
    }
}
