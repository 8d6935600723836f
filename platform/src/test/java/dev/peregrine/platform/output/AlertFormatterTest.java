package dev.peregrine.platform.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.platform.engine.Priority;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertFormatterTest {

    private static final long CAT_WRITE_TIME = nanos("2016-08-04T16:17:57.881781397Z");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static long nanos(String iso) {
        Instant i = Instant.parse(iso);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static AlertFormatter.Options options(boolean json, boolean iso, boolean legacy) {
        return new AlertFormatter.Options(json, iso, true, false, true, true, legacy);
    }

    private static Alert openFromCat() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("proc.cmdline", "cat /dev/null");
        fields.put("evt.time.iso8601", CAT_WRITE_TIME);
        return new Alert(CAT_WRITE_TIME, Priority.WARNING, "open_from_cat", "syscall",
                List.of("testing", "filesystem", "process"), "An open was seen (command=cat /dev/null)", fields,
                "test-falco-hostname");
    }

    @Test
    void isoTextLineMatchesTheLegacyStrictExample() {
        assertEquals("2016-08-04T16:17:57.881781397+0000: Warning An open was seen (command=cat /dev/null)",
                new AlertFormatter(options(false, true, false), UTC).format(openFromCat()));
    }

    @Test
    void modernJsonMatchesTheSpecByteForByte() {
        assertEquals("{\"hostname\":\"test-falco-hostname\",\"output\":\"2016-08-04T16:17:57.881781397+0000: "
                + "Warning An open was seen (command=cat /dev/null)\",\"output_fields\":{\"evt.time.iso8601\":"
                + "1470327477881781397,\"proc.cmdline\":\"cat /dev/null\"},\"priority\":\"Warning\",\"rule\":"
                + "\"open_from_cat\",\"source\":\"syscall\",\"tags\":[\"filesystem\",\"process\",\"testing\"],"
                + "\"time\":\"2016-08-04T16:17:57.881781397Z\"}",
                new AlertFormatter(options(true, true, false), UTC).format(openFromCat()));
    }

    @Test
    void legacyJsonLayoutMatchesTheOldStrictExample() {
        assertEquals("{\"hostname\":\"test-falco-hostname\",\"output\":\"2016-08-04T16:17:57.881781397+0000: "
                + "Warning An open was seen (command=cat /dev/null)\",\"priority\":\"Warning\",\"rule\":"
                + "\"open_from_cat\",\"source\":\"syscall\",\"tags\":[\"filesystem\",\"process\",\"testing\"],"
                + "\"time\":\"2016-08-04T16:17:57.881781397Z\", \"output_fields\": {\"evt.time.iso8601\":"
                + "1470327477881781397,\"proc.cmdline\":\"cat /dev/null\"}}",
                new AlertFormatter(options(true, true, true), UTC).format(openFromCat()));
    }

    @Test
    void nonIsoTextUsesLocalTimeOfDay() {
        Alert alert = new Alert(nanos("2019-03-27T10:20:05.408091526Z"), Priority.WARNING,
                "Read sensitive file untrusted", "syscall", List.of(),
                "Sensitive file opened for reading by non-trusted program (user=root command=cat /etc/shadow "
                        + "file=/etc/shadow)", Map.of(), "h");
        assertEquals("10:20:05.408091526: Warning Sensitive file opened for reading by non-trusted program "
                + "(user=root command=cat /etc/shadow file=/etc/shadow)",
                new AlertFormatter(options(false, false, false), UTC).format(alert));
        assertEquals("11:20:05.408091526: Warning Sensitive",
                new AlertFormatter(options(false, false, false), ZoneId.of("Europe/Berlin")).format(alert)
                        .substring(0, 37));
    }

    @Test
    void jsonTogglesRemoveKeysAndMessageAppearsWhenEnabled() {
        AlertFormatter.Options o = new AlertFormatter.Options(true, true, false, true, false, false, false);
        assertEquals("{\"hostname\":\"test-falco-hostname\",\"message\":\"An open was seen (command=cat /dev/null)\","
                + "\"priority\":\"Warning\",\"rule\":\"open_from_cat\",\"source\":\"syscall\","
                + "\"time\":\"2016-08-04T16:17:57.881781397Z\"}", new AlertFormatter(o, UTC).format(openFromCat()));
    }

    @Test
    void missingValuesAreNullAndTypesAreKept() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("proc.name", null);
        fields.put("evt.cpu", 3L);
        fields.put("fd.cip", "10.0.0.1");
        fields.put("evt.is_open_read", true);
        fields.put("x.ratio", 1846.4);
        fields.put("x.zero", 0.0);
        fields.put("proc.args", Arrays.asList("a", "b\"c\n"));
        Alert alert = new Alert(0, Priority.INFORMATIONAL, "r", "syscall", List.of(), "m", fields, "h");
        String json = new AlertFormatter(options(true, true, false), UTC).json(alert);
        assertEquals("{\"hostname\":\"h\",\"output\":\"1970-01-01T00:00:00.000000000+0000: Informational m\","
                + "\"output_fields\":{\"evt.cpu\":3,\"evt.is_open_read\":true,\"fd.cip\":\"10.0.0.1\","
                + "\"proc.args\":[\"a\",\"b\\\"c\\n\"],\"proc.name\":null,\"x.ratio\":1846.4,\"x.zero\":0.0},"
                + "\"priority\":\"Informational\",\"rule\":\"r\",\"source\":\"syscall\",\"tags\":[],"
                + "\"time\":\"1970-01-01T00:00:00.000000000Z\"}", json);
    }

    @Test
    void controlCharactersAreEscapedAndUnicodeIsRaw() {
        Alert alert = new Alert(0, Priority.DEBUG, "r", "syscall", List.of(), "a\u0001b\té", Map.of(), "h");
        String json = new AlertFormatter(new AlertFormatter.Options(true, false, false, true, false, false, false),
                UTC).json(alert);
        assertEquals("{\"hostname\":\"h\",\"message\":\"a\\u0001b\\té\",\"priority\":\"Debug\",\"rule\":\"r\","
                + "\"source\":\"syscall\",\"time\":\"1970-01-01T00:00:00.000000000Z\"}", json);
    }

    @Test
    void internalMessagesUseTimeOfDayEvenInIsoModeAndListSortedFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("n_evts", "10");
        fields.put("n_drops", "1");
        Alert alert = Alert.internal(nanos("2020-01-01T01:02:03.000000004Z"), Priority.DEBUG,
                "Falco internal: syscall event drop",
                "Falco internal: syscall event drop. 1 system calls dropped in last second.", fields, "h");
        AlertFormatter iso = new AlertFormatter(options(false, true, false), UTC);
        assertEquals("01:02:03.000000004: Debug Falco internal: syscall event drop. 1 system calls dropped in last "
                + "second. (n_drops=\"1\" n_evts=\"10\")", iso.format(alert));
        assertEquals("{\"hostname\":\"h\",\"output\":\"Falco internal: syscall event drop. 1 system calls dropped "
                + "in last second.\",\"output_fields\":{\"n_drops\":\"1\",\"n_evts\":\"10\"},\"priority\":\"Debug\","
                + "\"rule\":\"Falco internal: syscall event drop\",\"source\":\"internal\","
                + "\"time\":\"2020-01-01T01:02:03.000000004Z\"}", iso.json(alert));
        Alert empty = Alert.internal(0, Priority.CRITICAL, "Falco internal: hot restart failure",
                "Falco internal: hot restart failure: boom", Map.of(), "h");
        assertEquals("00:00:00.000000000: Critical Falco internal: hot restart failure: boom ()", iso.text(empty));
    }
}
