package dev.peregrine.platform.condition.ast;

import java.util.List;

/**
 * A transformer application such as {@code tolower(proc.name)} or {@code getopt(proc.args, "ab:")[b]}.
 *
 * @param name     transformer name ({@code tolower}, {@code toupper}, {@code b64}, {@code basename},
 *                 {@code len}, {@code join}, {@code concat}, {@code getopt})
 * @param args     arguments in order
 * @param argument the bracket argument after the closing parenthesis, or null
 */
public record Transformer(String name, List<TransformerArg> args, String argument, int offset) implements Operand {
    public Transformer {
        args = List.copyOf(args);
    }
}
