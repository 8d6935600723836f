package dev.peregrine.plugin.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.api.testing.TestEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The json.value vectors of json-plugin.md (upstream json_test.go) and the pointer rules. */
class JsonValueExtractionTest {

    private static final String DOCUMENT = """
            {
            	"list":[
            		{
            			"intvalue":1,
            			"floatvalue":2.5
            		}
            	],
            	"value":"hello",
            	"~/escaped":"hello\\"2"
            }""";

    private final Extraction extraction = new Extraction();
    private final TestEvent event = TestEvent.plugin(1, DOCUMENT);

    private Optional<String> value(String pointer) {
        return extraction.extract("json.value", pointer, event);
    }

    @Test
    void stringValueIsUnescapedText() {
        assertEquals(Optional.of("hello"), value("/value"));
    }

    @Test
    void nestedArrayIndexSelectsIntegerAsText() {
        assertEquals(Optional.of("1"), value("/list/0/intvalue"));
    }

    @Test
    void floatLiteralIsKeptVerbatim() {
        assertEquals(Optional.of("2.5"), value("/list/0/floatvalue"));
    }

    @Test
    void tildeEscapesAreDecodedOneThenZero() {
        assertEquals(Optional.of("hello\"2"), extraction.extract("jevt.value", "/~0~1escaped", event));
    }

    @Test
    void pointerWithoutLeadingSlashIsATopLevelKeyAndMisses() {
        assertEquals(Optional.empty(), value("invalid_pointer"));
    }

    @Test
    void pointerWithoutLeadingSlashFindsAnExistingTopLevelKey() {
        assertEquals(Optional.of("hello"), value("value"));
    }

    @Test
    void emptyPointerIsTheCompactDocument() {
        assertEquals(Optional.of("{\"list\":[{\"intvalue\":1,\"floatvalue\":2.5}],\"value\":\"hello\","
                + "\"~/escaped\":\"hello\\\"2\"}"), value(""));
    }

    @Test
    void slashAloneLooksUpTheEmptyKey() {
        assertEquals(Optional.of("empty"), extraction.extract("json.value", "/",
                TestEvent.plugin(1, "{\"\":\"empty\",\"a\":1}")));
        assertEquals(Optional.empty(), value("/"));
    }

    @Test
    void nonStringValuesAreCompactJson() {
        TestEvent literals = TestEvent.plugin(7,
                "{\"t\": true, \"n\": null, \"big\": 1.50e+3, \"obj\": { \"b\" : [ 1 , \"x\" ] , \"a\" : {} }}");
        assertEquals(Optional.of("true"), extraction.extract("json.value", "/t", literals));
        assertEquals(Optional.of("null"), extraction.extract("json.value", "/n", literals));
        assertEquals(Optional.of("1.50e+3"), extraction.extract("json.value", "/big", literals));
        assertEquals(Optional.of("{\"b\":[1,\"x\"],\"a\":{}}"), extraction.extract("json.value", "/obj", literals));
    }

    @Test
    void duplicateMembersResolveToTheFirst() {
        assertEquals(Optional.of("first"), extraction.extract("json.value", "/k",
                TestEvent.plugin(1, "{\"k\":\"first\",\"k\":\"second\"}")));
    }

    @Test
    void missesAndBadIndexesAreAbsent() {
        assertEquals(Optional.empty(), value("/list/1/intvalue"));
        assertEquals(Optional.empty(), value("/list/x"));
        assertEquals(Optional.empty(), value("/value/deeper"));
        assertEquals(Optional.empty(), value("/missing"));
    }

    @Test
    void rootArraysAreIndexable() {
        assertEquals(Optional.of("b"), extraction.extract("json.value", "/1", TestEvent.plugin(1, "[\"a\",\"b\"]")));
    }

    @Test
    void invalidOrNonJsonPayloadsGiveNoValue() {
        assertEquals(Optional.empty(), extraction.extract("json.value", "/a", TestEvent.plugin(1, " {\"a\":1}")));
        assertEquals(Optional.empty(), extraction.extract("json.value", "/a", TestEvent.plugin(2, "{\"a\":1")));
        assertEquals(Optional.empty(), extraction.extract("json.value", "/a", TestEvent.plugin(3, "{\"a\":1} x")));
        assertEquals(Optional.empty(), extraction.extract("json.value", "/a", TestEvent.plugin(4, "")));
        assertEquals(Optional.empty(), extraction.extract("json.obj", null, TestEvent.plugin(5, "hello")));
    }

    @Test
    void nonPluginEventsGiveNoValue() {
        TestEvent syscall = new TestEvent(1, 5, 3, "{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), extraction.extract("json.value", "/a", syscall));
        assertEquals(Optional.empty(), extraction.extract("json.rawtime", null, syscall));
    }

    @Test
    void aNewEventNumberIsParsedAgain() {
        assertEquals(Optional.of("1"), extraction.extract("json.value", "/a", TestEvent.plugin(10, "{\"a\":1}")));
        assertEquals(Optional.of("2"), extraction.extract("json.value", "/a", TestEvent.plugin(11, "{\"a\":2}")));
    }

    @Test
    void rawTimeIsTheTimestampAsDecimalText() {
        assertEquals(Optional.of("1700000000123456789"), extraction.extract("json.rawtime", null, event));
        assertEquals(Optional.of("1700000000123456789"), extraction.extract("jevt.rawtime", null, event));
        assertEquals(Optional.of("18446744073709551615"), extraction.extract("json.rawtime", null,
                new TestEvent(1, -1L, TestEvent.PLUGIN_EVENT_TYPE, "{}".getBytes())));
    }
}
