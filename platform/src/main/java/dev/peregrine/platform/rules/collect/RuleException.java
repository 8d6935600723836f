package dev.peregrine.platform.rules.collect;

import dev.peregrine.platform.rules.result.Context;
import java.util.ArrayList;
import java.util.List;

/** One entry of a rule's {@code exceptions}; values grow when later items append to it. */
public final class RuleException {

    private final String name;
    private ExceptionEntry fields;
    private ExceptionEntry comps;
    private final List<ExceptionEntry> values;
    private final boolean valuesGiven;
    private final Context context;

    public RuleException(String name, ExceptionEntry fields, ExceptionEntry comps, List<ExceptionEntry> values,
                         boolean valuesGiven, Context context) {
        this.name = name;
        this.fields = fields;
        this.comps = comps;
        this.values = new ArrayList<>(values);
        this.valuesGiven = valuesGiven;
        this.context = context;
    }

    public String name() {
        return name;
    }

    /** The fields, or null when the item did not give any. */
    public ExceptionEntry fields() {
        return fields;
    }

    /** The comparison operators, or null when not given (defaults are filled in by validation). */
    public ExceptionEntry comps() {
        return comps;
    }

    public List<ExceptionEntry> values() {
        return List.copyOf(values);
    }

    boolean valuesGiven() {
        return valuesGiven;
    }

    public Context context() {
        return context;
    }

    void setComps(ExceptionEntry comps) {
        this.comps = comps;
    }

    void addValues(List<ExceptionEntry> more) {
        values.addAll(more);
    }

    RuleException copy() {
        return new RuleException(name, fields, comps, values, valuesGiven, context);
    }
}
