package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldType;
import java.util.List;

/** {@code join(sep, list)}: the list's strings joined with the separator. */
final class JoinTransformer extends TransformerOperand {
    private final String separator;
    private final CompiledOperand input;
    private final ValueBuffer scratch = new ValueBuffer();
    private final StringBuilder text = new StringBuilder();

    JoinTransformer(String separator, CompiledOperand input, String text) {
        super(FieldType.STRING, false, text, List.of(input));
        this.separator = separator;
        this.input = input;
    }

    @Override
    public boolean extract(Event event, ValueBuffer out) {
        out.reset();
        if (!input.extract(event, scratch)) {
            return false;
        }
        text.setLength(0);
        for (int i = 0, n = scratch.size(); i < n; i++) {
            if (i > 0) {
                text.append(separator);
            }
            text.append(scratch.stringAt(i));
        }
        out.addString(text.toString());
        return true;
    }
}
