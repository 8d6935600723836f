package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldType;
import java.util.List;

/**
 * {@code getopt(args, optstring)[c]}: parses an argument list like getopt(3) (option groups
 * {@code -ab}, attached or separate option arguments, {@code --} ends options, non-options are
 * skipped). Without {@code [c]} it yields the option letters found, in order; with {@code [c]}
 * the argument of the last {@code -c} (empty for a flag), or no value when {@code -c} is absent.
 */
final class GetoptTransformer extends TransformerOperand {
    private final CompiledOperand input;
    private final String optionLetters;
    private final String lettersWithArgument;
    private final char selected;
    private final ValueBuffer scratch = new ValueBuffer();

    GetoptTransformer(CompiledOperand input, String optstring, Character selected, String text) {
        super(FieldType.STRING, selected == null, text, List.of(input));
        this.input = input;
        StringBuilder letters = new StringBuilder();
        StringBuilder withArgument = new StringBuilder();
        String spec = optstring.startsWith(":") || optstring.startsWith("+") || optstring.startsWith("-")
                ? optstring.substring(1) : optstring;
        for (int k = 0; k < spec.length(); k++) {
            char c = spec.charAt(k);
            if (c == ':') {
                continue;
            }
            letters.append(c);
            if (k + 1 < spec.length() && spec.charAt(k + 1) == ':') {
                withArgument.append(c);
            }
        }
        this.optionLetters = letters.toString();
        this.lettersWithArgument = withArgument.toString();
        this.selected = selected == null ? 0 : selected;
    }

    @Override
    public boolean extract(Event event, ValueBuffer out) {
        out.reset();
        if (!input.extract(event, scratch)) {
            return false;
        }
        String found = null;
        int n = scratch.size();
        for (int i = 0; i < n; i++) {
            String arg = scratch.stringAt(i);
            if (arg.equals("--")) {
                break;
            }
            if (arg.length() < 2 || arg.charAt(0) != '-') {
                continue;
            }
            for (int k = 1; k < arg.length(); k++) {
                char letter = arg.charAt(k);
                if (optionLetters.indexOf(letter) < 0) {
                    continue;
                }
                String value = "";
                boolean takesArgument = lettersWithArgument.indexOf(letter) >= 0;
                if (takesArgument) {
                    if (k + 1 < arg.length()) {
                        value = arg.substring(k + 1);
                    } else if (i + 1 < n) {
                        value = scratch.stringAt(++i);
                    }
                }
                if (selected == 0) {
                    out.addString(String.valueOf(letter));
                } else if (letter == selected) {
                    found = value;
                }
                if (takesArgument) {
                    break;
                }
            }
        }
        if (selected == 0) {
            return true;
        }
        if (found == null) {
            return false;
        }
        out.addString(found);
        return true;
    }
}
