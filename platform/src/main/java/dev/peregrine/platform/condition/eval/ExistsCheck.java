package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;

/** {@code exists}: the operand yields a value (a list field may yield an empty list). */
final class ExistsCheck implements CompiledFilter {
    private final CompiledOperand operand;
    private final ValueBuffer values = new ValueBuffer();

    ExistsCheck(CompiledOperand operand) {
        this.operand = operand;
    }

    @Override
    public boolean matches(Event event) {
        return operand.extract(event, values) && (operand.list() || !values.isEmpty());
    }
}
