package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A synthetic event: field text to its values; a field absent from the map has no value. */
final class FakeEvent implements Event {
    private final Map<String, List<Object>> values = new HashMap<>();

    static FakeEvent with(Object... textAndValue) {
        FakeEvent event = new FakeEvent();
        for (int k = 0; k < textAndValue.length; k += 2) {
            Object value = textAndValue[k + 1];
            event.values.put((String) textAndValue[k],
                    value instanceof List<?> list ? List.copyOf(list) : List.of(value));
        }
        return event;
    }

    List<Object> valuesOf(String text) {
        return values.get(text);
    }

    @Override
    public long number() {
        return 1;
    }

    @Override
    public long timestampNanos() {
        return 0;
    }

    @Override
    public int type() {
        return 0;
    }
}
