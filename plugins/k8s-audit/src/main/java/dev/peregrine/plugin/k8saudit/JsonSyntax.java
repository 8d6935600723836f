package dev.peregrine.plugin.k8saudit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Says in one line why bytes are not a single JSON value. Only called for payloads already
 * known to be bad, so it may re-read them.
 */
final class JsonSyntax {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int MAX_REASON = 200;

    private JsonSyntax() {
    }

    /** A one-line reason, e.g. {@code malformed JSON: Unexpected end-of-input ... (line 1, column 9)}. */
    static String describe(byte[] bytes) {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return "malformed JSON: the body is empty";
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                return "malformed JSON: more than one JSON value (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            }
            return "malformed JSON";
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            return "malformed JSON: " + oneLine(e.getOriginalMessage()) + where;
        } catch (IOException e) {
            return "malformed JSON: " + oneLine(e.getMessage());
        }
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "unreadable";
        }
        int newline = text.indexOf('\n');
        String line = (newline < 0 ? text : text.substring(0, newline)).strip();
        return line.length() > MAX_REASON ? line.substring(0, MAX_REASON) + "..." : line;
    }
}
