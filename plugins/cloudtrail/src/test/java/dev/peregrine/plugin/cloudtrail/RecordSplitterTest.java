package dev.peregrine.plugin.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The record cutting vectors of upstream's source_test.go, plus depth rules. */
class RecordSplitterTest {

    private static List<String> split(String content) {
        return RecordSplitter.split(content.getBytes(StandardCharsets.UTF_8)).stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void bracesInsideStringsAreIgnored() {
        String a = "{\"eventType\":\"AwsApiCall\",\"eventTime\":\"2025-01-01T00:00:00Z\",\"msg\":\"contains { and }\"}";
        String b = "{\"eventType\":\"AwsApiCall\",\"eventTime\":\"2025-01-01T00:00:01Z\",\"msg\":\"second record\"}";
        assertEquals(List.of(a, b), split("{\"Records\":[" + a + "," + b + "]}"));
    }

    @Test
    void escapedQuotesAndBackslashesAreHonoured() {
        String a = "{\"eventType\":\"AwsApiCall\",\"msg\":\"escaped quote: \\\" and path: C:\\\\temp\\\\{dir}\"}";
        String b = "{\"eventType\":\"AwsApiCall\",\"eventTime\":\"2025-01-01T00:00:01Z\"}";
        assertEquals(List.of(a, b), split("{\"Records\":[" + a + "," + b + "]}"));
    }

    @Test
    void nestedObjectsAndArraysStayInsideTheirRecord() {
        String a = "{\"eventType\":\"AwsApiCall\",\"requestParameters\":{\"items\":[\"{literal}\",{\"nested\":true}],"
                + "\"note\":\"prefix } suffix\"}}";
        String b = "{\"eventType\":\"AwsApiCall\",\"resources\":[{\"arn\":\"arn:aws:s3:::example\"}]}";
        assertEquals(List.of(a, b), split("{\"Records\":[" + a + "," + b + "]}"));
    }

    @Test
    void anEmptyRecordsArrayHasNoRecords() {
        assertEquals(List.of(), split("{\"Records\":[]}"));
    }

    @Test
    void anUnterminatedTrailingRecordIsDropped() {
        assertEquals(List.of("{\"eventType\":\"AwsApiCall\",\"msg\":\"complete\"}"),
                split("{\"Records\":[{\"eventType\":\"AwsApiCall\",\"msg\":\"complete\"},"
                        + "{\"eventType\":\"AwsApiCall\",\"msg\":\"unterminated {"));
    }

    @Test
    void everyObjectDirectlyInsideTheTopLevelObjectIsACandidate() {
        assertEquals(List.of("{\"a\":1}", "{\"b\":{}}"), split("{\"x\":{\"a\":1},\"Records\":[[{\"b\":{}}]]}"));
        assertEquals(List.of(), split("[{\"a\":1}]"));
    }
}
