package dev.peregrine.platform.condition.ast;

/**
 * A field reference {@code name[arg]}.
 *
 * @param name     dotted field name as written (may carry a suffix the field interprets,
 *                 e.g. {@code evt.arg.flags})
 * @param argument the bracket argument with quotes removed and escapes decoded, or null
 */
public record FieldRef(String name, String argument, int offset) implements Operand {
    /** The field as written in rules: {@code name} or {@code name[arg]}. */
    public String text() {
        return argument == null ? name : name + "[" + argument + "]";
    }
}
