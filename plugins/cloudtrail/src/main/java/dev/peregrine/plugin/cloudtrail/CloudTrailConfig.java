package dev.peregrine.plugin.cloudtrail;

import dev.peregrine.plugin.support.json.JsonDocumentParser;
import dev.peregrine.plugin.support.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The plugin's {@code init_config}. Keys are matched the way Go's JSON decoder matches struct
 * fields (exact or case-insensitive, the last occurrence wins); values of the wrong type keep
 * their defaults, as upstream ignores decoding errors.
 *
 * @param s3DownloadConcurrency parallel S3 listings/downloads (validated when an S3 source opens)
 * @param s3Interval            time window on log-file names, empty for none
 * @param sqsDelete             delete each SQS message right after receiving it
 * @param useS3Sns              SQS bodies carry S3 event notifications
 * @param s3AccountList         comma-separated account IDs for organisation trails
 * @param sqsOwnerAccount       owner account of the SQS queue, empty for the caller's
 * @param awsProfile            shared-config profile override
 * @param awsRegion             region override
 * @param awsConfigFile         shared config file override
 * @param awsCredentialsFile    shared credentials file override
 */
public record CloudTrailConfig(
        long s3DownloadConcurrency,
        String s3Interval,
        boolean sqsDelete,
        boolean useS3Sns,
        String s3AccountList,
        String sqsOwnerAccount,
        String awsProfile,
        String awsRegion,
        String awsConfigFile,
        String awsCredentialsFile) {

    /** Upstream's code default (its README says 1). */
    public static final long DEFAULT_S3_DOWNLOAD_CONCURRENCY = 32;

    /** The published JSON Schema: every key optional, unknown keys allowed, types constrained. */
    public static final String SCHEMA = """
            {"$schema":"http://json-schema.org/draft-04/schema#","type":"object","properties":{\
            "s3DownloadConcurrency":{"type":"integer","title":"S3 download concurrency",\
            "description":"How many S3 listings and downloads run in parallel (default 32)","default":32},\
            "s3Interval":{"type":"string","title":"S3 log interval",\
            "description":"Only read log files whose names fall in this time window, e.g. 5d or 5d-2d (default: all)","default":""},\
            "sqsDelete":{"type":"boolean","title":"Delete SQS messages",\
            "description":"Delete each SQS message as soon as it is received (default true)","default":true},\
            "useAsync":{"type":"boolean","title":"Use async extraction",\
            "description":"Accepted for compatibility; has no effect here (default true)","default":true},\
            "useS3SNS":{"type":"boolean","title":"Use S3 SNS",\
            "description":"SQS messages carry S3 event notifications instead of CloudTrail notifications (default false)","default":false},\
            "s3AccountList":{"type":"string","title":"S3 account list",\
            "description":"Comma-separated account IDs to read from an organization trail (default: every account)","default":""},\
            "sqsOwnerAccount":{"type":"string","title":"SQS queue owner account",\
            "description":"Account ID that owns the SQS queue when it is not the caller's (default: the caller's)","default":""},\
            "aws":{"type":"object","properties":{\
            "profile":{"type":"string","title":"Shared AWS config profile","description":"Profile of the shared AWS configuration to use instead of the default one","default":""},\
            "region":{"type":"string","title":"AWS region","description":"Region to use instead of the configured one","default":""},\
            "config":{"type":"string","title":"Shared AWS config file","description":"Path of the shared AWS configuration file to use instead of the default one","default":""},\
            "credentials":{"type":"string","title":"Shared AWS credentials file","description":"Path of the shared AWS credentials file to use instead of the default one","default":""}\
            },"additionalProperties":true}},"additionalProperties":true}""";

    /** The defaults ({@code ""} and {@code {}} mean these). */
    public static CloudTrailConfig defaults() {
        return new CloudTrailConfig(DEFAULT_S3_DOWNLOAD_CONCURRENCY, "", true, false, "", "", "", "", "", "");
    }

    /** Reads {@code text}; anything that is not a JSON object leaves every default in place. */
    public static CloudTrailConfig parse(String text) {
        Builder builder = new Builder();
        JsonValue root = new JsonDocumentParser().parse(text.getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (root instanceof JsonValue.JsonObject object) {
            builder.apply(object);
        }
        return builder.build();
    }

    /** Mutable accumulator used only while decoding. */
    private static final class Builder {
        private long s3DownloadConcurrency = DEFAULT_S3_DOWNLOAD_CONCURRENCY;
        private String s3Interval = "";
        private boolean sqsDelete = true;
        private boolean useS3Sns;
        private String s3AccountList = "";
        private String sqsOwnerAccount = "";
        private String awsProfile = "";
        private String awsRegion = "";
        private String awsConfigFile = "";
        private String awsCredentialsFile = "";

        void apply(JsonValue.JsonObject object) {
            List<String> keys = object.keys();
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                JsonValue value = object.values().get(i);
                if (is(key, "s3DownloadConcurrency")) {
                    Long number = integer(value);
                    s3DownloadConcurrency = number == null ? s3DownloadConcurrency : number;
                } else if (is(key, "s3Interval")) {
                    s3Interval = text(value, s3Interval);
                } else if (is(key, "sqsDelete")) {
                    sqsDelete = bool(value, sqsDelete);
                } else if (is(key, "useS3SNS")) {
                    useS3Sns = bool(value, useS3Sns);
                } else if (is(key, "s3AccountList")) {
                    s3AccountList = text(value, s3AccountList);
                } else if (is(key, "sqsOwnerAccount")) {
                    sqsOwnerAccount = text(value, sqsOwnerAccount);
                } else if (is(key, "aws") && value instanceof JsonValue.JsonObject aws) {
                    applyAws(aws);
                }
                // useAsync only tunes the Go runtime: accepted and ignored.
            }
        }

        private void applyAws(JsonValue.JsonObject aws) {
            for (int i = 0; i < aws.keys().size(); i++) {
                String key = aws.keys().get(i);
                JsonValue value = aws.values().get(i);
                if (is(key, "profile")) {
                    awsProfile = text(value, awsProfile);
                } else if (is(key, "region")) {
                    awsRegion = text(value, awsRegion);
                } else if (is(key, "config")) {
                    awsConfigFile = text(value, awsConfigFile);
                } else if (is(key, "credentials")) {
                    awsCredentialsFile = text(value, awsCredentialsFile);
                }
            }
        }

        CloudTrailConfig build() {
            return new CloudTrailConfig(s3DownloadConcurrency, s3Interval, sqsDelete, useS3Sns, s3AccountList,
                    sqsOwnerAccount, awsProfile, awsRegion, awsConfigFile, awsCredentialsFile);
        }

        private static boolean is(String key, String field) {
            return key.equalsIgnoreCase(field);
        }

        private static String text(JsonValue value, String fallback) {
            if (value instanceof JsonValue.JsonString string) {
                return string.value();
            }
            // Go leaves a string field untouched on null and on a type mismatch.
            return fallback;
        }

        private static boolean bool(JsonValue value, boolean fallback) {
            if (value instanceof JsonValue.JsonLiteral literal) {
                if (literal.text().equals("true")) {
                    return true;
                }
                if (literal.text().equals("false")) {
                    return false;
                }
            }
            return fallback;
        }

        private static Long integer(JsonValue value) {
            if (value instanceof JsonValue.JsonLiteral literal) {
                try {
                    return Long.parseLong(literal.text());
                } catch (NumberFormatException notAnInteger) {
                    return null;
                }
            }
            return null;
        }
    }
}
