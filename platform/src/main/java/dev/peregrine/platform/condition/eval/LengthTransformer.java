package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldType;
import java.util.List;

/**
 * {@code len}: element count of a list, byte length of a string (UTF-8) or buffer. A missing
 * input counts as 0, so {@code len} always has a value.
 */
final class LengthTransformer extends TransformerOperand {
    private final CompiledOperand input;
    private final boolean countElements;
    private final boolean buffer;
    private final ValueBuffer scratch = new ValueBuffer();

    LengthTransformer(CompiledOperand input, String text) {
        super(FieldType.UINT64, false, text, List.of(input));
        this.input = input;
        this.countElements = input.list();
        this.buffer = input.type() == FieldType.BYTEBUF;
    }

    @Override
    public boolean extract(Event event, ValueBuffer out) {
        out.reset();
        long length = 0;
        if (input.extract(event, scratch)) {
            if (countElements) {
                length = scratch.size();
            } else if (buffer) {
                length = scratch.bytesLength(0);
            } else {
                length = Texts.utf8Length(scratch.stringAt(0));
            }
        }
        out.addLong(length);
        return true;
    }
}
