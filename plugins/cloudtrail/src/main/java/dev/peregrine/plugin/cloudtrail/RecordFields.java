package dev.peregrine.plugin.cloudtrail;

import static dev.peregrine.plugin.cloudtrail.RecordValues.at;
import static dev.peregrine.plugin.cloudtrail.RecordValues.isTrue;
import static dev.peregrine.plugin.cloudtrail.RecordValues.member;
import static dev.peregrine.plugin.cloudtrail.RecordValues.string;
import static dev.peregrine.plugin.cloudtrail.RecordValues.stringOf;
import static dev.peregrine.plugin.cloudtrail.RecordValues.text;
import static dev.peregrine.plugin.cloudtrail.RecordValues.textOf;

import dev.peregrine.plugin.support.json.CompactJsonWriter;
import dev.peregrine.plugin.support.json.JsonValue;
import java.util.List;

/**
 * The derived fields of a record ({@code ct.user}, {@code ct.info}, {@code s3.*}, {@code ec2.*}
 * ...), with upstream's semantics including its quirks. Methods return null for "no value".
 */
final class RecordFields {

    private static final String AMAZONAWS_SUFFIX = ".amazonaws.com";
    private static final String[] USER_TYPE = {"userIdentity", "type"};
    private static final String[] USER_NAME = {"userIdentity", "userName"};
    private static final String[] USER_INVOKED_BY = {"userIdentity", "invokedBy"};
    private static final String[] USER_ISSUER_NAME = {"userIdentity", "sessionContext", "sessionIssuer", "userName"};
    private static final String[] USER_ARN = {"userIdentity", "arn"};
    private static final String[] USER_PRINCIPAL = {"userIdentity", "principalId"};
    private static final String[] USER_ACCOUNT = {"userIdentity", "accountId"};
    private static final String[] RECIPIENT_ACCOUNT = {"recipientAccountId"};
    private static final String[] EVENT_SOURCE = {"eventSource"};
    private static final String[] EVENT_NAME = {"eventName"};
    private static final String[] AWS_REGION = {"awsRegion"};
    private static final String[] SOURCE_IP = {"sourceIPAddress"};
    private static final String[] ERROR_CODE = {"errorCode"};
    private static final String[] READ_ONLY = {"readOnly"};
    private static final String[] BUCKET_NAME = {"requestParameters", "bucketName"};
    private static final String[] OBJECT_KEY = {"requestParameters", "key"};
    private static final String[] REQUEST_HOST = {"requestParameters", "Host"};
    private static final String[] PUBLIC_ACCESS_BLOCK = {"requestParameters", "PublicAccessBlockConfiguration"};
    private static final String[] BYTES_IN = {"additionalEventData", "bytesTransferredIn"};
    private static final String[] BYTES_OUT = {"additionalEventData", "bytesTransferredOut"};
    private static final String[] RESOURCES = {"resources"};
    private static final String[] TAG_ITEMS = {"requestParameters", "tagSpecificationSet", "items"};
    private static final String[] INSTANCE_ITEMS = {"responseElements", "instancesSet", "items"};
    private static final String[][] REQUEST_IMAGE_IDS = {
            {"requestParameters", "imageId"},
            {"requestParameters", "DescribeFastLaunchImagesRequest", "ImageId", "content"},
            {"requestParameters", "launchSpecification", "imageId"}};

    private RecordFields() {
    }

    /** {@code ct.user}: the acting user, chosen by identity type. */
    static String user(JsonValue root) {
        String type = string(root, USER_TYPE);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "Root", "IAMUser" -> text(root, USER_NAME);
            case "AWSService" -> text(root, USER_INVOKED_BY);
            case "AssumedRole" -> {
                String issuer = text(root, USER_ISSUER_NAME);
                yield issuer == null ? "AssumedRole" : issuer;
            }
            case "AWSAccount" -> "AWSAccount";
            case "FederatedUser" -> "FederatedUser";
            default -> null;
        };
    }

    /** {@code ct.originaluser}: the session name of an assumed role, else the recorded user name. */
    static String originalUser(JsonValue root) {
        if (!"AssumedRole".equals(string(root, USER_TYPE))) {
            return text(root, USER_NAME);
        }
        String arn = string(root, USER_ARN);
        if (arn != null) {
            String[] parts = arn.split("/", -1);
            if (parts.length == 3) {
                return parts[2];
            }
        }
        String principal = string(root, USER_PRINCIPAL);
        if (principal != null) {
            String[] parts = principal.split(":", -1);
            if (parts.length == 2) {
                return parts[1];
            }
        }
        return null;
    }

    /** {@code ct.user.accountid}: the caller's account, else the recipient account. */
    static String accountId(JsonValue root) {
        String account = text(root, USER_ACCOUNT);
        return account != null ? account : text(root, RECIPIENT_ACCOUNT);
    }

    /** {@code ct.shortsrc}: the event source without a trailing {@code .amazonaws.com}. */
    static String shortSource(JsonValue root) {
        String source = text(root, EVENT_SOURCE);
        return source == null ? null : shorten(source);
    }

    private static String shorten(String source) {
        if (source.length() > AMAZONAWS_SUFFIX.length() && source.endsWith(AMAZONAWS_SUFFIX)) {
            return source.substring(0, source.length() - AMAZONAWS_SUFFIX.length());
        }
        return source;
    }

    /** Boolean-ish fields: absent when missing, {@code "true"} only for JSON true. */
    static String flag(JsonValue root, String[] path) {
        JsonValue value = at(root, path);
        if (value == null) {
            return null;
        }
        return isTrue(value) ? "true" : "false";
    }

    /** Whole-value fields: the compact JSON of the value ({@code null} prints as such). */
    static String compact(JsonValue root, String[] path) {
        JsonValue value = at(root, path);
        return value == null ? null : CompactJsonWriter.write(value);
    }

    /** {@code ct.resources}: the compact JSON of each resource, joined by commas; absent when none. */
    static String resources(JsonValue root) {
        List<JsonValue> elements = RecordValues.array(root, RESOURCES);
        if (elements == null || elements.isEmpty()) {
            return null;
        }
        StringBuilder joined = new StringBuilder();
        for (JsonValue element : elements) {
            if (!joined.isEmpty()) {
                joined.append(',');
            }
            joined.append(CompactJsonWriter.write(element));
        }
        return joined.toString();
    }

    /** {@code s3.uri}: {@code s3://<bucketName>/<key>} when both are strings. */
    static String s3Uri(JsonValue root) {
        String bucket = string(root, BUCKET_NAME);
        String key = string(root, OBJECT_KEY);
        return bucket == null || key == null ? null : "s3://" + bucket + "/" + key;
    }

    /** True when {@code s3.bytes} has a value. */
    static boolean hasS3Bytes(JsonValue root) {
        return at(root, BYTES_IN) != null || at(root, BYTES_OUT) != null;
    }

    /** {@code s3.bytes}: bytes in plus bytes out (check {@link #hasS3Bytes} first). */
    static long s3Bytes(JsonValue root) {
        return bytes(root, BYTES_IN) + bytes(root, BYTES_OUT);
    }

    private static long bytes(JsonValue root, String[] path) {
        JsonValue value = at(root, path);
        return value == null ? 0 : RecordValues.count(value);
    }

    /** The bytes-in path, for {@code s3.bytes.in}. */
    static String[] bytesInPath() {
        return BYTES_IN.clone();
    }

    /** The bytes-out path, for {@code s3.bytes.out}. */
    static String[] bytesOutPath() {
        return BYTES_OUT.clone();
    }

    /** The event name when it is a string, else null. */
    static String eventName(JsonValue root) {
        return string(root, EVENT_NAME);
    }

    /** {@code ec2.name}: the Name tag of the (last) instance tag specification; absent when empty. */
    static String ec2Name(JsonValue root) {
        List<JsonValue> items = RecordValues.array(root, TAG_ITEMS);
        if (items == null) {
            return null;
        }
        String name = "";
        for (JsonValue item : items) {
            if (!"instance".equals(stringOf(member(item, "resourceType")))) {
                continue;
            }
            if (!(member(item, "tags") instanceof JsonValue.JsonArray tags)) {
                continue;
            }
            for (JsonValue tag : tags.elements()) {
                if ("Name".equals(stringOf(member(tag, "key")))) {
                    String value = stringOf(member(tag, "value"));
                    name = value == null ? "" : value;
                    break;
                }
            }
        }
        return name.isEmpty() ? null : name;
    }

    /**
     * {@code ec2.imageids}: the image IDs of the instances in the response, or else (no index or
     * index 0 only) the image ID of the request.
     *
     * @param index the requested element, or a negative number for all of them
     * @param out   receives the values
     */
    static void imageIds(JsonValue root, long index, List<String> out) {
        JsonValue itemsValue = at(root, INSTANCE_ITEMS);
        if (itemsValue != null) {
            List<JsonValue> items = itemsValue instanceof JsonValue.JsonArray array ? array.elements() : List.of();
            if (index < 0) {
                for (JsonValue item : items) {
                    String id = stringOf(member(item, "imageId"));
                    if (id != null && !id.isEmpty()) {
                        out.add(id);
                    }
                }
            } else if (index < items.size()) {
                String id = stringOf(member(items.get((int) index), "imageId"));
                if (id != null) {
                    out.add(id);
                }
            }
            return;
        }
        if (index > 0) {
            return;
        }
        for (String[] path : REQUEST_IMAGE_IDS) {
            String id = string(root, path);
            if (id != null) {
                out.add(id);
                return;
            }
        }
    }

    /** {@code ct.info}: the one-line summary; always a value for a parsed record. */
    static String info(JsonValue root) {
        String user = user(root);
        if (user == null) {
            return "<invalid cloudtrail event: userIdentity field missing>";
        }
        String sourceIp = text(root, SOURCE_IP);
        if (sourceIp == null) {
            return "<invalid cloudtrail event: eventSource field missing>";
        }
        String name = text(root, EVENT_NAME);
        if (name == null) {
            return "<invalid cloudtrail event: eventName field missing>";
        }
        String error = at(root, ERROR_CODE) != null ? "!" : "";
        String direction = "false".equals(flag(root, READ_ONLY)) ? "\u2192" : "\u2190";
        StringBuilder info = new StringBuilder(user);
        if (!user.equals(sourceIp)) {
            info.append(" via ").append(sourceIp);
        }
        info.append(' ').append(error).append(direction).append(' ').append(name);
        if (name.equals("PutBucketPublicAccessBlock")) {
            if (at(root, PUBLIC_ACCESS_BLOCK) instanceof JsonValue.JsonObject) {
                // Upstream reads the four flags from the record root, where they never are.
                info.append(" BlockPublicAcls=").append(isTrue(member(root, "BlockPublicAcls")))
                        .append(" BlockPublicPolicy=").append(isTrue(member(root, "BlockPublicPolicy")))
                        .append(" IgnorePublicAcls=").append(isTrue(member(root, "IgnorePublicAcls")))
                        .append(" RestrictPublicBuckets=").append(isTrue(member(root, "RestrictPublicBuckets")))
                        .append(' ');
            }
            return info.toString();
        }
        if (hasS3Bytes(root)) {
            info.append(" Size=").append(Long.toUnsignedString(s3Bytes(root)));
        }
        String uri = s3Uri(root);
        if (uri != null) {
            return info.append(" URI=").append(uri).toString();
        }
        String bucket = text(root, BUCKET_NAME);
        if (bucket != null) {
            return info.append(" Bucket=").append(bucket).toString();
        }
        String key = text(root, OBJECT_KEY);
        if (key != null) {
            return info.append(" Key=").append(key).toString();
        }
        String host = text(root, REQUEST_HOST);
        if (host != null) {
            info.append(" Host=").append(host);
        }
        return info.toString();
    }

    /** {@code evt.plugininfo}: {@code <region>[ <user>] <shortsrc> <name> <ct.info>}, or why not. */
    static String summary(JsonValue root) {
        String source = string(root, EVENT_SOURCE);
        if (source == null) {
            return "<invalid JSON: event did not contain a source>";
        }
        String region = string(root, AWS_REGION);
        if (region == null) {
            return "<invalid JSON: event did not contain an awsRegion>";
        }
        String name = string(root, EVENT_NAME);
        if (name == null) {
            return "<invalid JSON: event did not contain an eventName>";
        }
        String user = user(root);
        StringBuilder summary = new StringBuilder(region);
        if (user != null && !user.isEmpty()) {
            summary.append(' ').append(user);
        }
        return summary.append(' ').append(shorten(source)).append(' ').append(name).append(' ')
                .append(info(root)).toString();
    }

    /** Reads a plain string field (exposed for the instance's simple bindings). */
    static String plain(JsonValue root, String[] path) {
        return textOf(at(root, path));
    }
}
