package dev.peregrine.plugin.json;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.api.ValueSink;

/**
 * One json plugin state (the host keeps one per event source). Every failure to find a value is
 * "no value", never an exception.
 */
public final class JsonPluginInstance implements PluginInstance {

    private final ParsedPayloadCache cache = new ParsedPayloadCache();
    /** One pointer per argument text, so the cache recognises the same pointer bound by many rules. */
    private final java.util.Map<String, JsonPointer> pointers = new java.util.HashMap<>();

    @Override
    public FieldHandle bindField(FieldSpec field, FieldArgument argument) throws PluginException {
        return switch (field.name()) {
            case "json.value", "jevt.value" -> valueHandle(pointers.computeIfAbsent(argument.text(), JsonPointer::parse));
            case "json.obj", "jevt.obj" -> this::extractObject;
            case "json.rawtime", "jevt.rawtime" -> JsonPluginInstance::extractRawTime;
            default -> throw new PluginException("field " + field.name() + " is not provided by the json plugin");
        };
    }

    private FieldHandle valueHandle(JsonPointer pointer) {
        return (event, out) -> {
            if (!isPluginEvent(event)) {
                return false;
            }
            String text = cache.valueText(event, pointer);
            if (text == null) {
                return false;
            }
            out.addString(text);
            return true;
        };
    }

    private boolean extractObject(Event event, ValueSink out) {
        if (!isPluginEvent(event)) {
            return false;
        }
        String indented = cache.indented(event);
        if (indented == null) {
            return false;
        }
        out.addString(indented);
        return true;
    }

    private static boolean extractRawTime(Event event, ValueSink out) {
        if (!isPluginEvent(event)) {
            return false;
        }
        out.addString(Long.toUnsignedString(event.timestampNanos()));
        return true;
    }

    private static boolean isPluginEvent(Event event) {
        return event.type() == Event.PLUGIN_EVENT_TYPE;
    }
}
