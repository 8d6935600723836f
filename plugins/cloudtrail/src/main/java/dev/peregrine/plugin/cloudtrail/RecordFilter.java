package dev.peregrine.plugin.cloudtrail;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Decides whether a candidate record becomes an event, and its timestamp. A record is skipped
 * when it is not one valid JSON object, when {@code eventTime} is missing or not RFC 3339, when
 * {@code eventType} is missing, or when it is an {@code AwsCloudTrailInsight} record. Only the
 * first occurrence of a duplicated member counts, as in upstream's JSON library.
 */
final class RecordFilter {

    /** Returned by {@link #timestampOf} for records that are skipped. */
    static final long SKIP = EventTimes.INVALID;

    private final JsonFactory factory = new JsonFactory();

    /** The event timestamp in ns of {@code record}, or {@link #SKIP}. */
    long timestampOf(byte[] record) {
        String eventTime = null;
        String eventType = null;
        boolean seenTime = false;
        boolean seenType = false;
        try (JsonParser parser = factory.createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return SKIP;
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    return SKIP;
                }
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == null) {
                    return SKIP;
                }
                if (!seenTime && name.equals("eventTime")) {
                    seenTime = true;
                    eventTime = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                } else if (!seenType && name.equals("eventType")) {
                    seenType = true;
                    eventType = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                if (value.isStructStart()) {
                    parser.skipChildren();
                }
            }
            if (parser.nextToken() != null) {
                return SKIP;
            }
        } catch (IOException | RuntimeException invalid) {
            return SKIP;
        }
        if (eventTime == null || eventType == null || eventType.equals("AwsCloudTrailInsight")) {
            return SKIP;
        }
        return EventTimes.parseNanos(eventTime);
    }
}
