package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;
import java.util.List;

/** {@code tolower}/{@code toupper}: per-character ASCII case mapping, element-wise on lists. */
final class CaseTransformer extends TransformerOperand {
    private final CompiledOperand input;
    private final boolean upper;
    private final ValueBuffer scratch = new ValueBuffer();

    CaseTransformer(CompiledOperand input, boolean upper, String text) {
        super(input.type(), input.list(), text, List.of(input));
        this.input = input;
        this.upper = upper;
    }

    @Override
    public boolean extract(Event event, ValueBuffer out) {
        out.reset();
        if (!input.extract(event, scratch)) {
            return false;
        }
        for (int i = 0, n = scratch.size(); i < n; i++) {
            out.addString(map(scratch.stringAt(i)));
        }
        return true;
    }

    private String map(String value) {
        int first = 0;
        while (first < value.length() && mapped(value.charAt(first)) == value.charAt(first)) {
            first++;
        }
        if (first == value.length()) {
            return value; // nothing to change: no allocation
        }
        char[] chars = value.toCharArray();
        for (int k = first; k < chars.length; k++) {
            chars[k] = mapped(chars[k]);
        }
        return new String(chars);
    }

    private char mapped(char c) {
        return upper ? Texts.toUpperAscii(c) : Texts.toLowerAscii(c);
    }
}
