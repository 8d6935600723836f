package dev.peregrine.platform.condition.eval;

/** Compares one left value with one right value under a fixed operator chosen at compile time. */
interface ValueComparator {

    boolean test(ValueBuffer left, int leftIndex, ValueBuffer right, int rightIndex);
}
