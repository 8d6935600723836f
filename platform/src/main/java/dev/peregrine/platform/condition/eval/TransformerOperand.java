package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.FieldType;
import dev.peregrine.platform.field.ResolvedField;
import java.util.ArrayList;
import java.util.List;

/** Shared shape of transformer applications: result type, text and the fields read inside. */
abstract class TransformerOperand implements CompiledOperand {
    private final FieldType type;
    private final boolean list;
    private final String text;
    private final List<ResolvedField> fields;

    TransformerOperand(FieldType type, boolean list, String text, List<CompiledOperand> inputs) {
        this.type = type;
        this.list = list;
        this.text = text;
        List<ResolvedField> collected = new ArrayList<>();
        for (CompiledOperand input : inputs) {
            collected.addAll(input.fields());
        }
        this.fields = List.copyOf(collected);
    }

    @Override
    public final FieldType type() {
        return type;
    }

    @Override
    public final boolean list() {
        return list;
    }

    @Override
    public final String text() {
        return text;
    }

    @Override
    public final List<ResolvedField> fields() {
        return fields;
    }
}
