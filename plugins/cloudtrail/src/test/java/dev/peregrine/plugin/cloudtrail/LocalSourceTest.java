package dev.peregrine.plugin.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.testing.RecordingBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local mode (cloudtrail.md §4 and §7): walk, filtering, record cutting, timestamps, progress, errors. */
class LocalSourceTest {

    private static final long T0 = 1_394_140_974_000_000_000L; // 2014-03-06T21:22:54Z

    @TempDir
    Path dir;

    private final CloudTrailInstance instance = (CloudTrailInstance) new CloudTrailPlugin().init(null, "");

    private static String record(String id, String time) {
        return "{\"eventID\":\"" + id + "\",\"eventTime\":\"" + time + "\",\"eventType\":\"AwsApiCall\"}";
    }

    private static String logFile(String... records) {
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    private Path writeGzip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content.getBytes(StandardCharsets.UTF_8));
        }
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes.toByteArray());
        return file;
    }

    /** Every event of the stream until EOF. */
    private static List<RecordingBatch.Added> drain(EventStream stream) throws PluginException {
        RecordingBatch all = new RecordingBatch(Integer.MAX_VALUE);
        for (int calls = 0; calls < 1000; calls++) {
            RecordingBatch batch = new RecordingBatch(128);
            BatchStatus status = stream.nextBatch(batch);
            all.events.addAll(batch.events);
            if (status == BatchStatus.EOF) {
                return all.events;
            }
        }
        throw new AssertionError("no EOF after 1000 batches");
    }

    private List<String> ids(List<RecordingBatch.Added> events) {
        return events.stream().map(e -> {
            String text = e.text();
            int start = text.indexOf("\"eventID\":\"") + 11;
            return text.substring(start, text.indexOf('"', start));
        }).toList();
    }

    @Test
    void emptyParamsFailWithTheMissingDirectoryMessage() {
        PluginException error = assertThrows(PluginException.class, () -> instance.open(""));
        assertEquals("cloudtrail plugin error: missing input directory argument", error.getMessage());
    }

    @Test
    void aPathThatDoesNotExistCannotBeOpened() {
        String missing = dir.resolve("nope").toString();
        PluginException error = assertThrows(PluginException.class, () -> instance.open(missing));
        assertEquals("cloudtrail plugin error: cannot open " + missing, error.getMessage());
    }

    @Test
    void aDirectoryWithoutLogFilesIsAnError() throws IOException {
        write("notes.txt", "x");
        write("upper.JSON", logFile(record("a", "2014-03-06T21:22:54Z")));
        write("archive.json.zip", "x");
        PluginException error = assertThrows(PluginException.class, () -> instance.open(dir.toString()));
        assertEquals("cloudtrail plugin error: no json files found in " + dir, error.getMessage());
    }

    @Test
    void aSingleFileIsAWalkOfOneAndNeedsTheJsonExtensionToo() throws Exception {
        Path file = write("one.json", logFile(record("a", "2014-03-06T21:22:54Z")));
        assertEquals(List.of("a"), ids(drain(instance.open(file.toString()))));
        Path text = write("one.txt", logFile(record("a", "2014-03-06T21:22:54Z")));
        assertThrows(PluginException.class, () -> instance.open(text.toString()));
    }

    @Test
    void directoriesAreWalkedRecursivelyInLexicalOrderWithGzippedFilesToo() throws Exception {
        write("b.json", logFile(record("b1", "2014-03-06T21:22:54Z")));
        write("a/z.json", logFile(record("az", "2014-03-06T21:22:54Z")));
        writeGzip("a/y.json.gz", logFile(record("ay", "2014-03-06T21:22:54Z")));
        write("A.json", logFile(record("A", "2014-03-06T21:22:54Z")));
        write("c.txt", logFile(record("ignored", "2014-03-06T21:22:54Z")));
        assertEquals(List.of("A", "ay", "az", "b1"), ids(drain(instance.open(dir.toString()))));
    }

    @Test
    void payloadsAreTheOriginalBytesAndTimestampsComeFromEventTime() throws Exception {
        String spaced = "{ \"eventTime\" : \"2014-03-06T21:22:54.5+01:00\",\n\t\"eventType\":\"AwsApiCall\", \"eventID\":\"x\" }";
        write("f.json", "{\"Records\": [\n  " + spaced + "\n]}\n");
        List<RecordingBatch.Added> events = drain(instance.open(dir.toString()));
        assertEquals(1, events.size());
        assertEquals(spaced, events.getFirst().text());
        assertEquals(T0 - 3_600_000_000_000L + 500_000_000L, events.getFirst().timestampNanos());
    }

    @Test
    void recordsThatAreNotEventsAreSkippedSilently() throws Exception {
        write("f.json", logFile(
                record("ok1", "2014-03-06T21:22:54Z"),
                "{\"eventID\":\"noTime\",\"eventType\":\"AwsApiCall\"}",
                "{\"eventID\":\"badTime\",\"eventTime\":\"06/03/2014\",\"eventType\":\"AwsApiCall\"}",
                "{\"eventID\":\"numTime\",\"eventTime\":1,\"eventType\":\"AwsApiCall\"}",
                "{\"eventID\":\"noType\",\"eventTime\":\"2014-03-06T21:22:54Z\"}",
                "{\"eventID\":\"insight\",\"eventTime\":\"2014-03-06T21:22:54Z\",\"eventType\":\"AwsCloudTrailInsight\"}",
                "{\"eventID\":\"broken\",\"eventTime\":\"2014-03-06T21:22:54Z\",\"eventType\":\"AwsApiCall\",\"x\":tru}",
                record("ok2", "2014-03-06T21:22:55Z")));
        List<RecordingBatch.Added> events = drain(instance.open(dir.toString()));
        assertEquals(List.of("ok1", "ok2"), ids(events));
        assertEquals(T0 + 1_000_000_000L, events.get(1).timestampNanos());
    }

    @Test
    void eventsKeepFileOrderEvenWhenTimeGoesBackwards() throws Exception {
        write("1.json", logFile(record("late", "2014-03-06T21:22:59Z")));
        write("2.json", logFile(record("early", "2014-03-06T21:22:50Z")));
        List<RecordingBatch.Added> events = drain(instance.open(dir.toString()));
        assertEquals(List.of("late", "early"), ids(events));
    }

    @Test
    void aCorruptGzipFileIsSkippedAndReadingGoesOn() throws Exception {
        write("a.json.gz", "this is not gzip");
        write("b.json", logFile(record("b", "2014-03-06T21:22:54Z")));
        assertEquals(List.of("b"), ids(drain(instance.open(dir.toString()))));
    }

    @Test
    void batchesAreFilledUpToTheirCapacityAndContinueInTheNextCall() throws Exception {
        String[] records = new String[5];
        for (int i = 0; i < records.length; i++) {
            records[i] = record("r" + i, "2014-03-06T21:22:54Z");
        }
        write("f.json", logFile(records));
        EventStream stream = instance.open(dir.toString());
        RecordingBatch batch = new RecordingBatch(2);
        assertEquals(BatchStatus.SUCCESS, stream.nextBatch(batch));
        assertEquals(List.of("r0", "r1"), ids(batch.events));
        batch.clear();
        assertEquals(BatchStatus.SUCCESS, stream.nextBatch(batch));
        assertEquals(List.of("r2", "r3"), ids(batch.events));
        batch.clear();
        assertEquals(BatchStatus.EOF, stream.nextBatch(batch));
        assertEquals(List.of("r4"), ids(batch.events));
        batch.clear();
        assertEquals(BatchStatus.EOF, stream.nextBatch(batch));
        assertEquals(List.of(), batch.events);
    }

    @Test
    void progressCountsFilesStartedWithTwoDecimals() throws Exception {
        write("1.json", logFile(record("a", "2014-03-06T21:22:54Z")));
        write("2.json", logFile(record("b", "2014-03-06T21:22:54Z")));
        write("3.json", logFile(record("c", "2014-03-06T21:22:54Z")));
        EventStream stream = instance.open(dir.toString());
        assertEquals(0, stream.progress());
        assertEquals("0.00% - 0/3 files", stream.progressText());
        stream.nextBatch(new RecordingBatch(1));
        assertEquals(3333, stream.progress());
        assertEquals("33.33% - 1/3 files", stream.progressText());
        drain(stream);
        assertEquals(10_000, stream.progress());
        assertEquals("100.00% - 3/3 files", stream.progressText());
    }

    @Test
    void aRecordOver256KibFailsTheStreamWithShortWrite() throws Exception {
        String big = "{\"eventTime\":\"2014-03-06T21:22:54Z\",\"eventType\":\"AwsApiCall\",\"pad\":\""
                + "x".repeat(256 * 1024) + "\"}";
        write("f.json", logFile(big));
        EventStream stream = instance.open(dir.toString());
        PluginException error = assertThrows(PluginException.class, () -> stream.nextBatch(new RecordingBatch(128)));
        assertEquals("short write", error.getMessage());
    }

    @Test
    void aRecordOf64KibAndMoreIsDelivered() throws Exception {
        String big = "{\"eventTime\":\"2014-03-06T21:22:54Z\",\"eventType\":\"AwsApiCall\",\"pad\":\""
                + "x".repeat(200 * 1024) + "\"}";
        write("f.json", logFile(big));
        List<RecordingBatch.Added> events = drain(instance.open(dir.toString()));
        assertEquals(1, events.size());
        assertEquals(big.length(), events.getFirst().payload().length);
    }

    @Test
    void aFileThatCannotBeReadFailsTheStream() throws Exception {
        Path file = write("f.json", logFile(record("a", "2014-03-06T21:22:54Z")));
        EventStream stream = instance.open(dir.toString());
        Files.delete(file);
        PluginException error = assertThrows(PluginException.class, () -> stream.nextBatch(new RecordingBatch(128)));
        assertEquals(true, error.getMessage().startsWith("cloudtrail plugin error: cannot read " + file), error.getMessage());
    }
}
