package dev.peregrine.plugin.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.testing.RecordingBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** S3 mode (cloudtrail.md §5) against a real S3 server (s3proxy) on 127.0.0.1. */
class S3SourceTest {

    private static final String ACCOUNT = "123456789012";
    private static final String OTHER_ACCOUNT = "210987654321";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu/MM/dd").withZone(ZoneOffset.UTC);

    private static LocalAws aws;
    private static S3Client seed;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() throws Exception {
        aws = new LocalAws();
        seed = aws.s3();
    }

    @AfterAll
    static void stopServers() throws Exception {
        seed.close();
        aws.close();
    }

    private static String logFile(String... ids) {
        List<String> records = new ArrayList<>();
        for (String id : ids) {
            records.add("{\"eventID\":\"" + id + "\",\"eventTime\":\"2014-03-06T21:22:54Z\",\"eventType\":\"AwsApiCall\"}");
        }
        return "{\"Records\":[" + String.join(",", records) + "]}";
    }

    private static void put(String bucket, String key, String content) {
        seed.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    private static void putGzip(String bucket, String key, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(content.getBytes(StandardCharsets.UTF_8));
        }
        seed.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes.toByteArray()));
    }

    private static void bucket(String name) {
        seed.createBucket(b -> b.bucket(name));
    }

    /** A CloudTrail log file key of {@code account}/{@code region} written at {@code time}. */
    private static String trailKey(String root, String account, String region, Instant time, String suffix) {
        return root + account + "/CloudTrail/" + region + "/" + DAY.format(time) + "/" + account + "_CloudTrail_"
                + region + "_" + STAMP.format(time) + "Z_" + suffix + ".json.gz";
    }

    private EventStream open(String params, String extraConfig) throws Exception {
        CloudTrailInstance instance = (CloudTrailInstance) new CloudTrailPlugin().init(null, aws.initConfig(dir, extraConfig));
        return instance.open(params);
    }

    private static List<String> ids(EventStream stream) throws PluginException {
        List<String> ids = new ArrayList<>();
        for (int calls = 0; calls < 100; calls++) {
            RecordingBatch batch = new RecordingBatch(128);
            BatchStatus status = stream.nextBatch(batch);
            for (String text : batch.texts()) {
                int start = text.indexOf("\"eventID\":\"") + 11;
                ids.add(text.substring(start, text.indexOf('"', start)));
            }
            if (status == BatchStatus.EOF) {
                return ids;
            }
        }
        throw new AssertionError("no EOF");
    }

    @Test
    void aPlainPrefixListsItsLogFilesInKeyOrderAndDownloadsThemInGroups() throws Exception {
        bucket("plain");
        put("plain", "logs/b.json", logFile("b1", "b2"));
        putGzip("plain", "logs/a.json.gz", logFile("a1"));
        put("plain", "logs/c/d.json", logFile("d1"));
        put("plain", "logs/notes.txt", logFile("ignored"));
        put("plain", "other/e.json", logFile("ignored"));
        EventStream stream = open("s3://plain/logs/", "\"s3DownloadConcurrency\": 2");
        assertEquals("0.00% - 0/3 files", stream.progressText());
        assertEquals(List.of("a1", "b1", "b2", "d1"), ids(stream));
        assertEquals("100.00% - 3/3 files", stream.progressText());
    }

    @Test
    void aBucketWithoutPrefixListsEverything() throws Exception {
        bucket("whole");
        put("whole", "x.json", logFile("x"));
        put("whole", "y/z.json", logFile("z"));
        assertEquals(List.of("x", "z"), ids(open("s3://whole", "")));
    }

    @Test
    void anAccountFolderIsListedPerRegionAndFilteredByTheIntervalOnFileNames() throws Exception {
        bucket("trail");
        Instant now = Instant.now();
        String root = "org/AWSLogs/";
        put("trail", trailKey(root, ACCOUNT, "us-east-1", now.minusSeconds(3 * 86_400), "old").replace(".gz", ""),
                logFile("old"));
        put("trail", trailKey(root, ACCOUNT, "us-east-1", now.minusSeconds(3_600), "recent").replace(".gz", ""),
                logFile("east"));
        putGzip("trail", trailKey(root, ACCOUNT, "eu-west-1", now.minusSeconds(1_800), "recent"), logFile("west"));
        assertEquals(List.of("west", "east"), ids(open("s3://trail/org/AWSLogs/" + ACCOUNT + "/", "\"s3Interval\": \"1d\"")));
        assertEquals(List.of("west", "old", "east"), ids(open("s3://trail/org/AWSLogs/" + ACCOUNT, "")));
    }

    @Test
    void anOrganisationRootListsTheGivenAccountsOrEveryAccountFolder() throws Exception {
        bucket("orgtrail");
        Instant now = Instant.now();
        String root = "p/AWSLogs/o-abcdefghij/";
        put("orgtrail", trailKey(root, ACCOUNT, "us-east-1", now, "1").replace(".gz", ""), logFile("mine"));
        put("orgtrail", trailKey(root, OTHER_ACCOUNT, "us-east-1", now, "2").replace(".gz", ""), logFile("theirs"));
        put("orgtrail", root + "not-an-account/CloudTrail/us-east-1/x.json", logFile("stray"));
        assertEquals(List.of("mine"), ids(open("s3://orgtrail/" + root, "\"s3AccountList\": \"" + ACCOUNT + "\"")));
        assertEquals(List.of("mine", "theirs"), ids(open("s3://orgtrail/" + root, "")));
    }

    @Test
    void aPrefixStartingWithAwsLogsIsUsedAsItIsWithoutIntervalFiltering() throws Exception {
        bucket("rootlogs");
        Instant old = Instant.now().minusSeconds(30 * 86_400);
        put("rootlogs", trailKey("AWSLogs/", ACCOUNT, "us-east-1", old, "x").replace(".gz", ""), logFile("old"));
        assertEquals(List.of("old"), ids(open("s3://rootlogs/AWSLogs/" + ACCOUNT + "/", "\"s3Interval\": \"1d\"")));
    }

    @Test
    void anEmptyListingIsNotAnErrorAndTheFirstBatchIsEof() throws Exception {
        bucket("empty");
        EventStream stream = open("s3://empty/nothing/", "");
        RecordingBatch batch = new RecordingBatch(128);
        assertEquals(BatchStatus.EOF, stream.nextBatch(batch));
        assertEquals(List.of(), batch.events);
    }

    @Test
    void aMissingBucketFailsTheOpenWithTheServiceErrorCode() {
        PluginException error = assertThrows(PluginException.class, () -> open("s3://no-such-bucket/x/", ""));
        assertTrue(error.getMessage().startsWith("cloudtrail plugin error: NoSuchBucket: "), error.getMessage());
    }

    @Test
    void aDownloadFailureFailsTheStream() throws Exception {
        bucket("vanishing");
        put("vanishing", "a.json", logFile("a"));
        EventStream stream = open("s3://vanishing/", "");
        seed.deleteObject(b -> b.bucket("vanishing").key("a.json"));
        PluginException error = assertThrows(PluginException.class, () -> stream.nextBatch(new RecordingBatch(128)));
        assertTrue(error.getMessage().startsWith("cloudtrail plugin error: cannot read a.json: NoSuchKey"), error.getMessage());
    }

    @Test
    void badSettingsFailTheOpenWithUpstreamsMessages() {
        PluginException concurrency = assertThrows(PluginException.class,
                () -> open("s3://plain/", "\"s3DownloadConcurrency\": 0"));
        assertEquals("cloudtrail invalid S3DownloadConcurrency: \"0\"", concurrency.getMessage());
        PluginException accounts = assertThrows(PluginException.class,
                () -> open("s3://plain/", "\"s3AccountList\": \"12345,678\""));
        assertEquals("cloudtrail invalid account list: \"12345,678\"", accounts.getMessage());
        PluginException interval = assertThrows(PluginException.class,
                () -> open("s3://plain/", "\"s3Interval\": \"yesterday\""));
        assertTrue(interval.getMessage().startsWith("cloudtrail invalid interval: \"yesterday\": "), interval.getMessage());
    }
}
