package dev.peregrine.plugin.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.api.testing.TestEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** json.obj / jevt.obj: the payload re-indented like Go's json.Indent with two spaces. */
class JsonObjectExtractionTest {

    private final Extraction extraction = new Extraction();

    private Optional<String> object(String field, String payload) {
        return extraction.extract(field, null, TestEvent.plugin(1, payload));
    }

    @Test
    void upstreamVectorIsIndentedWithoutTrailingNewline() {
        assertEquals(Optional.of("{\n  \"value\": \"hello\"\n}"), object("json.obj", "{\"value\":\"hello\"}"));
        assertEquals(Optional.of("{\n  \"value\": \"hello\"\n}"), object("jevt.obj", "{\"value\":\"hello\"}"));
    }

    @Test
    void nestingOrderLiteralsAndEscapesArePreserved() {
        String payload = "{ \"z\" :[1, 2.50 ,{\"a\":\"x\\u0041\\\"y\"}],\"e\":{},\"l\":[ ],\"n\":null}";
        String expected = """
                {
                  "z": [
                    1,
                    2.50,
                    {
                      "a": "x\\u0041\\"y"
                    }
                  ],
                  "e": {},
                  "l": [],
                  "n": null
                }""";
        assertEquals(Optional.of(expected), object("json.obj", payload));
    }

    @Test
    void whitespaceInsideStringsIsKept() {
        assertEquals(Optional.of("[\n  \"a b\\n,{\"\n]"), object("json.obj", "[\"a b\\n,{\"]"));
    }

    @Test
    void whitespaceAfterTheDocumentIsKeptLikeGoIndentDoes() {
        assertEquals(Optional.of("{\n  \"a\": 1\n}\n"), object("json.obj", "{ \"a\" : 1 }\n"));
    }

    @Test
    void invalidPayloadHasNoObject() {
        assertEquals(Optional.empty(), object("jevt.obj", "{\"a\": }"));
    }
}
