package dev.peregrine.plugin.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.peregrine.plugin.support.json.CompactJsonWriter;
import dev.peregrine.plugin.support.json.JsonDocumentParser;
import dev.peregrine.plugin.support.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming pointer scan answers exactly what resolving the pointer on the parsed tree answers. */
class PointerScanTest {

    private static final List<String> DOCUMENTS = List.of(
            "{\"kind\":\"Event\",\"stage\":\"ResponseComplete\",\"user\":{\"name\":\"bob\",\"groups\":[\"a\",\"b\"]},"
                    + "\"n\":2.50,\"ok\":true,\"nothing\":null,\"esc\":\"a\\\"b\\u00e9\"}",
            "{\"stage\":\"first\",\"stage\":\"second\"}",
            "[{\"a\":1},{\"a\":[10,20,{\"b\":\"deep\"}]}]",
            "{\"stage\":\"x\"} {\"stage\":\"y\"}",
            "{\"stage\":\"x\",\"rest\":[1,2,",
            "{\"stage\":\"x\"}]",
            "{\"stage\":\"x\",\"bad\":\"\\q\"}",
            "{\"stage\":\"x\",\"o\":{\"a\":[\"\\q\"]}}",
            "\"just a string\"",
            "{}",
            "[]",
            "{\"a/b\":{\"~c\":\"tilde\"}}");
    private static final List<String> POINTERS = List.of("/stage", "/kind", "/user/name", "/user/groups/1",
            "/user/groups/7", "/user", "/n", "/ok", "/nothing", "/esc", "/missing/deeper", "/1/a/2/b", "/0/a",
            "/1/a", "/+1/a/0", "/-0/a", "/a~1b/~0c", "", "/");

    @Test
    void everyPointerOnEveryDocumentAgreesWithTheTree() {
        PointerScan scan = new PointerScan();
        JsonDocumentParser parser = new JsonDocumentParser();
        for (String document : DOCUMENTS) {
            byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
            JsonValue root = parser.parse(bytes).orElse(null);
            for (String text : POINTERS) {
                JsonPointer pointer = JsonPointer.parse(text);
                Object scanned = scan.scan(bytes, pointer.segments());
                JsonValue value = root == null ? null : pointer.resolve(root);
                String where = document + " " + text;
                if (root == null) {
                    assertSame(PointerScan.INVALID, scanned, where);
                } else if (value == null) {
                    assertSame(PointerScan.ABSENT, scanned, where);
                } else if (value instanceof JsonValue.JsonObject || value instanceof JsonValue.JsonArray) {
                    assertSame(PointerScan.CONTAINER, scanned, where);
                } else {
                    String expected = value instanceof JsonValue.JsonString s ? s.value() : CompactJsonWriter.write(value);
                    assertEquals(expected, scanned, where);
                }
            }
        }
    }

    @Test
    void invalidUtf8InASkippedStringMakesTheDocumentInvalidAsTheTreeDoes() {
        byte[] bytes = {'{', '"', 's', 't', 'a', 'g', 'e', '"', ':', '"', 'x', '"', ',', '"', 'b', '"', ':', '"',
                (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertEquals(new JsonDocumentParser().parse(bytes).isPresent(), false);
        assertSame(PointerScan.INVALID, new PointerScan().scan(bytes, List.of("stage")));
        byte[] nested = "{\"stage\":\"x\",\"o\":[{\"b\":\"\u00c3(\"}]}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(false, new JsonDocumentParser().parse(nested).isPresent());
        assertSame(PointerScan.INVALID, new PointerScan().scan(nested, List.of("stage")));
    }
}
