package dev.peregrine.platform.condition.eval;

/** {@code contains} (exact) or {@code icontains} (ASCII case folding) on strings. */
final class StringContainsComparator implements ValueComparator {
    private final boolean ignoreCase;

    StringContainsComparator(boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
    }

    @Override
    public boolean test(ValueBuffer left, int leftIndex, ValueBuffer right, int rightIndex) {
        String text = left.stringAt(leftIndex);
        String part = right.stringAt(rightIndex);
        return ignoreCase ? Texts.indexOfIgnoreAsciiCase(text, part) >= 0 : text.contains(part);
    }
}
