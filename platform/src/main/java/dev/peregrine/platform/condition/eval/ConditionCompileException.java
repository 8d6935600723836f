package dev.peregrine.platform.condition.eval;

/**
 * A condition that cannot be compiled. The message is Falco's text for the case (reported under
 * LOAD_ERR_COMPILE_CONDITION), e.g. {@code 0x10 is not a valid number}.
 */
public final class ConditionCompileException extends Exception {

    public ConditionCompileException(String message) {
        super(message);
    }
}
