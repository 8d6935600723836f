package dev.peregrine.plugin.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;

/**
 * Finds the scalar a pointer selects by streaming over the payload, without building a tree: members
 * and elements off the path are skipped, and the rest of the document is still read to the end, so a
 * payload that is not exactly one valid JSON value yields {@link #INVALID} as the tree parser would.
 * A pointer that selects an object or array yields {@link #CONTAINER}: its compact text needs the tree.
 */
final class PointerScan {

    /** The payload is not one valid JSON value. */
    static final Object INVALID = new Object();
    /** The pointer selects nothing. */
    static final Object ABSENT = new Object();
    /** The pointer selects an object or an array. */
    static final Object CONTAINER = new Object();

    private final JsonFactory factory = new JsonFactory();

    /** The selected scalar as text (strings unescaped, other literals as written), or one of the markers. */
    Object scan(byte[] payload, List<String> segments) {
        try (JsonParser parser = factory.createParser(payload)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return INVALID;
            }
            Object found = ABSENT;
            int depth = 0; // how many segments the current token has matched
            boolean done = segments.isEmpty();
            if (done) {
                found = token.isScalarValue() ? parser.getText() : CONTAINER;
            }
            while (!done) {
                // token is the value at the matched depth; descend one segment into it
                String segment = segments.get(depth);
                JsonToken child = null;
                if (token == JsonToken.START_OBJECT) {
                    while ((child = parser.nextToken()) != JsonToken.END_OBJECT) {
                        if (child == null) {
                            return INVALID;
                        }
                        String name = parser.currentName();
                        child = parser.nextToken();
                        if (child == null) {
                            return INVALID;
                        }
                        if (name.equals(segment)) {
                            break;
                        }
                        skip(parser, child);
                    }
                } else if (token == JsonToken.START_ARRAY) {
                    int wanted = JsonPointer.arrayIndex(segment);
                    int index = 0;
                    while ((child = parser.nextToken()) != JsonToken.END_ARRAY) {
                        if (child == null) {
                            return INVALID;
                        }
                        if (index++ == wanted) {
                            break;
                        }
                        skip(parser, child);
                    }
                }
                if (child == null || child == JsonToken.END_OBJECT || child == JsonToken.END_ARRAY) {
                    done = true; // missed: the rest of the document is only validated below
                } else if (++depth == segments.size()) {
                    found = child.isScalarValue() ? parser.getText() : CONTAINER;
                    done = true;
                } else {
                    token = child;
                }
            }
            // read to the end of the root value as the tree parser would, then nothing may follow
            while (!parser.getParsingContext().inRoot()) {
                JsonToken next = parser.nextToken();
                if (next == null) {
                    return INVALID;
                }
                skip(parser, next);
            }
            return parser.nextToken() == null ? found : INVALID;
        } catch (IOException | RuntimeException e) {
            return INVALID;
        }
    }

    /**
     * Reads past the value that starts with {@code token}. Jackson's skipping still checks the
     * structure, escapes and UTF-8 of what it skips (PointerScanTest holds it to that), without
     * decoding strings into text.
     */
    private static void skip(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            parser.skipChildren();
        }
    }
}
