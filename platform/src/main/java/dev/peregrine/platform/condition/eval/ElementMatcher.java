package dev.peregrine.platform.condition.eval;

/** Tests one extracted value against a right side fixed at compile time. */
interface ElementMatcher {

    boolean matches(ValueBuffer values, int index);
}
