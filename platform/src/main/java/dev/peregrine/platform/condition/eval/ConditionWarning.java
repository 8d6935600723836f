package dev.peregrine.platform.condition.eval;

/**
 * A warning about a rule condition (§3.6).
 *
 * @param code    the load-result code, e.g. {@code LOAD_COMPILE_CONDITION}
 * @param message Falco's text (empty for {@code LOAD_UNSAFE_NA_CHECK})
 */
public record ConditionWarning(String code, String message) {
}
