package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldType;
import dev.peregrine.platform.field.ResolvedField;
import java.util.List;

/** A constant string used as a transformer argument ({@code concat(proc.name, "-x")}). */
final class LiteralOperand implements CompiledOperand {
    private final String value;
    private final String text;

    LiteralOperand(String value, String text) {
        this.value = value;
        this.text = text;
    }

    @Override
    public FieldType type() {
        return FieldType.STRING;
    }

    @Override
    public boolean list() {
        return false;
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public List<ResolvedField> fields() {
        return List.of();
    }

    @Override
    public boolean extract(Event event, ValueBuffer out) {
        out.reset();
        out.addString(value);
        return true;
    }
}
