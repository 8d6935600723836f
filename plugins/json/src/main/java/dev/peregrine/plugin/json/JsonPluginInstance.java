package dev.peregrine.plugin.json;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.api.ValueSink;
import dev.peregrine.plugin.support.json.CompactJsonWriter;
import dev.peregrine.plugin.support.json.JsonValue;

/**
 * One json plugin state (the host keeps one per event source). Every failure to find a value is
 * "no value", never an exception.
 */
public final class JsonPluginInstance implements PluginInstance {

    private final ParsedPayloadCache cache = new ParsedPayloadCache();

    @Override
    public FieldHandle bindField(FieldSpec field, FieldArgument argument) throws PluginException {
        return switch (field.name()) {
            case "json.value", "jevt.value" -> valueHandle(JsonPointer.parse(argument.text()));
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
            JsonValue document = cache.document(event);
            JsonValue value = document == null ? null : pointer.resolve(document);
            if (value == null) {
                return false;
            }
            out.addString(value instanceof JsonValue.JsonString string
                    ? string.value()
                    : CompactJsonWriter.write(value));
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
