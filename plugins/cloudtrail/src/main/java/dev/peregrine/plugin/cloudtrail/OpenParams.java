package dev.peregrine.plugin.cloudtrail;

/** Where events come from, as told by {@code open_params} (checked by literal, case-sensitive prefix). */
public sealed interface OpenParams {

    /** An S3 bucket and key prefix ({@code s3://bucket[/prefix]}); the prefix may be empty. */
    record S3(String bucket, String prefix) implements OpenParams {
    }

    /** An SQS queue by name ({@code sqs://name}). */
    record Sqs(String queueName) implements OpenParams {
    }

    /** A local file or directory. */
    record Local(String path) implements OpenParams {
    }

    /** Classifies {@code params}. */
    static OpenParams parse(String params) {
        if (params.startsWith("s3://")) {
            String rest = params.substring("s3://".length());
            int slash = rest.indexOf('/');
            return slash < 0 ? new S3(rest, "") : new S3(rest.substring(0, slash), rest.substring(slash + 1));
        }
        if (params.startsWith("sqs://")) {
            return new Sqs(params.substring("sqs://".length()));
        }
        return new Local(params);
    }
}
