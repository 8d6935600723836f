package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;
import java.util.List;

/** {@code basename}: the text after the last {@code /} (empty when the path ends with one). */
final class BasenameTransformer extends TransformerOperand {
    private final CompiledOperand input;
    private final ValueBuffer scratch = new ValueBuffer();

    BasenameTransformer(CompiledOperand input, String text) {
        super(input.type(), input.list(), text, List.of(input));
        this.input = input;
    }

    @Override
    public boolean extract(Event event, ValueBuffer out) {
        out.reset();
        if (!input.extract(event, scratch)) {
            return false;
        }
        for (int i = 0, n = scratch.size(); i < n; i++) {
            String path = scratch.stringAt(i);
            int slash = path.lastIndexOf('/');
            out.addString(slash < 0 ? path : path.substring(slash + 1));
        }
        return true;
    }
}
