package dev.peregrine.platform.condition.eval;

/** {@code glob}/{@code iglob}: the right value is an fnmatch pattern for the whole left string. */
final class GlobComparator implements ValueComparator {
    private final boolean ignoreCase;

    GlobComparator(boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
    }

    @Override
    public boolean test(ValueBuffer left, int leftIndex, ValueBuffer right, int rightIndex) {
        String text = left.stringAt(leftIndex);
        String pattern = right.stringAt(rightIndex);
        return Glob.matches(pattern, 0, pattern.length(), text, 0, text.length(), ignoreCase);
    }
}
