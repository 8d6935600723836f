package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldType;
import dev.peregrine.platform.field.ResolvedField;
import java.util.List;

/**
 * A field or transformer expression compiled for extraction, shared by conditions and outputs.
 * Instances may hold scratch buffers: use one from one thread at a time.
 */
public interface CompiledOperand {

    /** Type of the values {@link #extract} produces. */
    FieldType type();

    /** True when the operand yields 0..n values (a list), false for one value. */
    boolean list();

    /** The operand as written, e.g. {@code proc.aname[2]} or {@code toupper(proc.name)}. */
    String text();

    /** The plain fields this operand reads, in order of appearance (for JSON output keys). */
    List<ResolvedField> fields();

    /**
     * Resets {@code out} and writes the operand's values for {@code event} into it.
     *
     * @return false when the operand has no value for this event
     */
    boolean extract(Event event, ValueBuffer out);
}
