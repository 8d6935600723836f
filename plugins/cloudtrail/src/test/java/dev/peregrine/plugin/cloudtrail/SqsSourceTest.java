package dev.peregrine.plugin.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.testing.RecordingBatch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** SQS mode (cloudtrail.md §6) against real SQS (ElasticMQ) and S3 (s3proxy) servers on 127.0.0.1. */
class SqsSourceTest {

    private static LocalAws aws;
    private static S3Client s3;
    private static SqsClient sqs;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() throws Exception {
        aws = new LocalAws();
        s3 = aws.s3();
        sqs = aws.sqs();
        s3.createBucket(b -> b.bucket("trail"));
        s3.createBucket(b -> b.bucket("other"));
        s3.putObject(b -> b.bucket("trail").key("k1.json"), RequestBody.fromString(logFile("one", "two")));
        s3.putObject(b -> b.bucket("trail").key("k2.json"), RequestBody.fromString(logFile("three")));
        s3.putObject(b -> b.bucket("other").key("k3.json"), RequestBody.fromString(logFile("four")));
    }

    @AfterAll
    static void stopServers() throws Exception {
        sqs.close();
        s3.close();
        aws.close();
    }

    private static String logFile(String... ids) {
        StringBuilder records = new StringBuilder();
        for (String id : ids) {
            if (!records.isEmpty()) {
                records.append(',');
            }
            records.append("{\"eventID\":\"").append(id)
                    .append("\",\"eventTime\":\"2014-03-06T21:22:54Z\",\"eventType\":\"AwsApiCall\"}");
        }
        return "{\"Records\":[" + records + "]}";
    }

    /** An SNS envelope whose Message is {@code message} (JSON text, quoted into a string). */
    private static String envelope(String type, String message) {
        return "{\"Type\":\"" + type + "\",\"MessageId\":\"m\",\"Message\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static String queue(String name, String... bodies) {
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        for (String body : bodies) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
        }
        return url;
    }

    private EventStream open(String queueName, String extra) throws Exception {
        CloudTrailInstance instance = (CloudTrailInstance) new CloudTrailPlugin().init(null, aws.initConfig(dir, extra));
        return instance.open("sqs://" + queueName);
    }

    private static String visibleAndInFlight(String url) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) + "/"
                + attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    private static List<String> ids(RecordingBatch batch) {
        return batch.texts().stream().map(text -> {
            int start = text.indexOf("\"eventID\":\"") + 11;
            return text.substring(start, text.indexOf('"', start));
        }).toList();
    }

    @Test
    void cloudTrailNotificationsBringTheirFilesThenTheStreamWaitsForMore() throws Exception {
        String url = queue("notifications",
                envelope("Notification", "{\"s3Bucket\":\"trail\",\"s3ObjectKey\":[\"k1.json\",\"k2.json\"]}"));
        EventStream stream = open("notifications", "");
        assertEquals("0/0", visibleAndInFlight(url), "the message is deleted as soon as it is received");
        RecordingBatch batch = new RecordingBatch(128);
        assertEquals(BatchStatus.TIMEOUT, stream.nextBatch(batch));
        assertEquals(List.of("one", "two", "three"), ids(batch));

        sqs.sendMessage(b -> b.queueUrl(url).messageBody(
                envelope("Notification", "{\"s3Bucket\":\"other\",\"s3ObjectKey\":[\"k3.json\"]}")));
        batch.clear();
        assertEquals(BatchStatus.TIMEOUT, stream.nextBatch(batch));
        assertEquals(List.of("four"), ids(batch));
        batch.clear();
        assertEquals(BatchStatus.TIMEOUT, stream.nextBatch(batch));
        assertEquals(List.of(), ids(batch));
    }

    @Test
    void withoutSqsDeleteTheMessageStaysInFlight() throws Exception {
        String url = queue("kept", envelope("Notification", "{\"s3Bucket\":\"trail\",\"s3ObjectKey\":[\"k2.json\"]}"));
        EventStream stream = open("kept", "\"sqsDelete\": false");
        assertEquals("0/1", visibleAndInFlight(url));
        RecordingBatch batch = new RecordingBatch(128);
        stream.nextBatch(batch);
        assertEquals(List.of("three"), ids(batch));
    }

    @Test
    void s3EventNotificationsUseTheLastRecordsBucketForEveryKey() throws Exception {
        String message = "{\"Records\":[{\"s3\":{\"bucket\":{\"name\":\"trail\"},\"object\":{\"key\":\"k3.json\"}}},"
                + "{\"s3\":{\"bucket\":{\"name\":\"other\"},\"object\":{\"key\":\"k3.json\"}}}]}";
        queue("s3events", envelope("Notification", message));
        EventStream stream = open("s3events", "\"useS3SNS\": true");
        RecordingBatch batch = new RecordingBatch(128);
        stream.nextBatch(batch);
        assertEquals(List.of("four", "four"), ids(batch));
    }

    @Test
    void aMessageThatIsNotANotificationFailsTheStream() throws Exception {
        queue("confirmations");
        EventStream stream = open("confirmations", "");
        String url = sqs.getQueueUrl(b -> b.queueName("confirmations")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody(envelope("SubscriptionConfirmation", "{}")));
        PluginException error = assertThrows(PluginException.class, () -> stream.nextBatch(new RecordingBatch(128)));
        assertEquals("received SQS message that was not a SNS Notification", error.getMessage());
    }

    @Test
    void anUnparsableMessageFailsTheOpenWhichReceivesOnce() {
        queue("garbage", "not json at all");
        PluginException error = assertThrows(PluginException.class, () -> open("garbage", ""));
        assertTrue(error.getMessage().startsWith("failed to parse SQS message contents: "), error.getMessage());
    }

    @Test
    void anUnknownQueueFailsTheOpen() {
        PluginException error = assertThrows(PluginException.class, () -> open("no-such-queue", ""));
        assertTrue(error.getMessage().startsWith("cloudtrail plugin error: "), error.getMessage());
    }
}
