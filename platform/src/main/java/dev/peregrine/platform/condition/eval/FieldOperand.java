package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldType;
import dev.peregrine.platform.field.ResolvedField;
import java.util.List;

/** A plain field read through the handle the catalogue bound at compile time. */
final class FieldOperand implements CompiledOperand {
    private final ResolvedField field;
    private final FieldHandle handle;
    private final boolean list;

    FieldOperand(ResolvedField field) {
        this.field = field;
        this.handle = field.handle();
        this.list = field.spec().list();
    }

    ResolvedField field() {
        return field;
    }

    @Override
    public FieldType type() {
        return field.spec().type();
    }

    @Override
    public boolean list() {
        return list;
    }

    @Override
    public String text() {
        return field.text();
    }

    @Override
    public List<ResolvedField> fields() {
        return List.of(field);
    }

    @Override
    public boolean extract(Event event, ValueBuffer out) {
        out.reset();
        if (!handle.extract(event, out)) {
            out.reset();
            return false;
        }
        // a scalar that produced nothing has no value; an empty list is still a list
        return list || !out.isEmpty();
    }
}
