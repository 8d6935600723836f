package dev.peregrine.plugin.support.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses one JSON document into {@link JsonValue}s; anything but exactly one valid value fails. */
public final class JsonDocumentParser {

    private final JsonFactory factory = new JsonFactory();

    /** The document, or empty when the bytes are not a single valid JSON value. */
    public Optional<JsonValue> parse(byte[] bytes) {
        try (JsonParser parser = factory.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            JsonValue root = read(parser, first);
            if (parser.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (IOException | RuntimeException e) {
            // Invalid JSON (or limits exceeded): the fields are simply absent for this event.
            return Optional.empty();
        }
    }

    private static JsonValue read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> new JsonValue.JsonString(parser.getText());
            // For numbers getText() returns the literal as written (e.g. 2.50, 1e3), not a re-rendering.
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL ->
                    new JsonValue.JsonLiteral(parser.getText());
            default -> throw new IOException("unexpected token " + token);
        };
    }

    private static JsonValue readObject(JsonParser parser) throws IOException {
        List<String> keys = new ArrayList<>();
        List<JsonValue> values = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token != JsonToken.FIELD_NAME) {
                throw new IOException("expected a member name, got " + token);
            }
            keys.add(parser.currentName());
            values.add(read(parser, parser.nextToken()));
        }
        return new JsonValue.JsonObject(keys, values);
    }

    private static JsonValue readArray(JsonParser parser) throws IOException {
        List<JsonValue> elements = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw new IOException("unterminated array");
            }
            elements.add(read(parser, token));
        }
        return new JsonValue.JsonArray(elements);
    }
}
