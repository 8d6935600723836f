package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldType;
import java.util.List;

/** {@code concat(a, b, ...)}: the scalar strings appended; any missing part leaves no value. */
final class ConcatTransformer extends TransformerOperand {
    private final CompiledOperand[] parts;
    private final ValueBuffer scratch = new ValueBuffer();
    private final StringBuilder text = new StringBuilder();

    ConcatTransformer(List<CompiledOperand> parts, String text) {
        super(FieldType.STRING, false, text, parts);
        this.parts = parts.toArray(CompiledOperand[]::new);
    }

    @Override
    public boolean extract(Event event, ValueBuffer out) {
        out.reset();
        text.setLength(0);
        for (CompiledOperand part : parts) {
            if (!part.extract(event, scratch)) {
                return false;
            }
            text.append(scratch.stringAt(0));
        }
        out.addString(text.toString());
        return true;
    }
}
