package dev.peregrine.plugin.cloudtrail;

import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.support.json.JsonDocumentParser;
import dev.peregrine.plugin.support.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * The SQS source's supply of log files (cloudtrail.md §6): each call receives at most one message
 * (no long poll), deletes it first when {@code sqsDelete} is set, and reads the S3 keys out of its
 * SNS envelope: a CloudTrail notification, or with {@code useS3SNS} an S3 event notification.
 */
final class SqsFeed implements LogFileFeed {

    private final SqsClient sqs;
    private final CloudTrailConfig config;
    private final String queueUrl;

    private SqsFeed(SqsClient sqs, CloudTrailConfig config, String queueUrl) {
        this.sqs = sqs;
        this.config = config;
        this.queueUrl = queueUrl;
    }

    /** Resolves the queue URL of {@code queueName}. */
    static SqsFeed open(SqsClient sqs, CloudTrailConfig config, String queueName) throws PluginException {
        GetQueueUrlRequest.Builder request = GetQueueUrlRequest.builder().queueName(queueName);
        if (!config.sqsOwnerAccount().isEmpty()) {
            request.queueOwnerAWSAccountId(config.sqsOwnerAccount());
        }
        try {
            return new SqsFeed(sqs, config, sqs.getQueueUrl(request.build()).queueUrl());
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public List<LogFile> more() throws PluginException {
        ReceiveMessageResponse received;
        try {
            received = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(1).messageAttributeNames("All"));
        } catch (RuntimeException e) {
            throw failure(e);
        }
        if (received.messages().isEmpty()) {
            return List.of();
        }
        Message message = received.messages().getFirst();
        if (config.sqsDelete()) {
            try {
                sqs.deleteMessage(d -> d.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            } catch (RuntimeException e) {
                throw failure(e);
            }
        }
        return files(message.body());
    }

    /** The log files an SNS envelope announces. */
    List<LogFile> files(String body) throws PluginException {
        JsonValue envelope = parse(body);
        JsonValue type = RecordValues.member(envelope, "Type");
        if (type == null) {
            throw new PluginException("received SQS message that did not have a Type property");
        }
        if (!"Notification".equals(RecordValues.stringOf(type))) {
            throw new PluginException("received SQS message that was not a SNS Notification");
        }
        String text = RecordValues.stringOf(RecordValues.member(envelope, "Message"));
        JsonValue notification = parse(text == null ? "" : text);
        return config.useS3Sns() ? s3EventFiles(notification) : cloudTrailFiles(notification);
    }

    private static List<LogFile> cloudTrailFiles(JsonValue notification) {
        String bucket = RecordValues.stringOf(RecordValues.member(notification, "s3Bucket"));
        List<LogFile> files = new ArrayList<>();
        if (RecordValues.member(notification, "s3ObjectKey") instanceof JsonValue.JsonArray keys) {
            for (JsonValue key : keys.elements()) {
                String name = RecordValues.stringOf(key);
                if (name != null) {
                    files.add(LogFile.inBucket(bucket == null ? "" : bucket, name));
                }
            }
        }
        return files;
    }

    private static List<LogFile> s3EventFiles(JsonValue notification) {
        List<String> keys = new ArrayList<>();
        String bucket = "";
        if (RecordValues.member(notification, "Records") instanceof JsonValue.JsonArray records) {
            for (JsonValue record : records.elements()) {
                JsonValue s3 = RecordValues.member(record, "s3");
                String name = RecordValues.stringOf(RecordValues.member(RecordValues.member(s3, "bucket"), "name"));
                String key = RecordValues.stringOf(RecordValues.member(RecordValues.member(s3, "object"), "key"));
                bucket = name == null ? "" : name;
                keys.add(key == null ? "" : key);
            }
        }
        // Upstream keeps one current bucket per message: the last record's applies to every key.
        List<LogFile> files = new ArrayList<>();
        for (String key : keys) {
            files.add(LogFile.inBucket(bucket, key));
        }
        return files;
    }

    private static JsonValue parse(String text) throws PluginException {
        return new JsonDocumentParser().parse(text.getBytes(StandardCharsets.UTF_8))
                .orElseThrow(() -> new PluginException("failed to parse SQS message contents: the message is not valid JSON"));
    }

    private static PluginException failure(RuntimeException e) {
        if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
                && service.awsErrorDetails() != null) {
            return new PluginException("cloudtrail plugin error: " + service.awsErrorDetails().errorCode() + ": "
                    + service.awsErrorDetails().errorMessage(), e);
        }
        return new PluginException("cloudtrail plugin error: " + e.getMessage(), e);
    }
}
