package dev.peregrine.plugin.cloudtrail;

import dev.peregrine.api.Event;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.plugin.support.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One cloudtrail plugin state: opens event streams and binds fields. Every failure to find a
 * value is "no value", never an exception.
 */
public final class CloudTrailInstance implements PluginInstance {

    /** Plain string fields: JSON path of the value. */
    private static final Map<String, String> PLAIN_FIELDS = Map.ofEntries(
            Map.entry("ct.id", "eventID"),
            Map.entry("ct.error", "errorCode"),
            Map.entry("ct.errormessage", "errorMessage"),
            Map.entry("ct.time", "eventTime"),
            Map.entry("ct.src", "eventSource"),
            Map.entry("ct.name", "eventName"),
            Map.entry("ct.user.identitytype", "userIdentity.type"),
            Map.entry("ct.user.principalid", "userIdentity.principalId"),
            Map.entry("ct.user.arn", "userIdentity.arn"),
            Map.entry("ct.region", "awsRegion"),
            Map.entry("ct.response.subnetid", "responseElements.subnetId"),
            Map.entry("ct.response.reservationid", "responseElements.reservationId"),
            Map.entry("ct.request.availabilityzone", "requestParameters.availabilityZone"),
            Map.entry("ct.request.cluster", "requestParameters.cluster"),
            Map.entry("ct.request.functionname", "requestParameters.functionName"),
            Map.entry("ct.request.groupname", "requestParameters.groupName"),
            Map.entry("ct.request.host", "requestParameters.Host"),
            Map.entry("ct.request.name", "requestParameters.name"),
            Map.entry("ct.request.policy", "requestParameters.policy"),
            Map.entry("ct.request.reason", "requestParameters.reason"),
            Map.entry("ct.request.target", "requestParameters.target"),
            Map.entry("ct.request.serialnumber", "requestParameters.serialNumber"),
            Map.entry("ct.request.servicename", "requestParameters.serviceName"),
            Map.entry("ct.request.subnetid", "requestParameters.subnetId"),
            Map.entry("ct.request.taskdefinition", "requestParameters.taskDefinition"),
            Map.entry("ct.request.username", "requestParameters.userName"),
            Map.entry("ct.srcip", "sourceIPAddress"),
            Map.entry("ct.useragent", "userAgent"),
            Map.entry("ct.requestid", "requestID"),
            Map.entry("ct.eventtype", "eventType"),
            Map.entry("ct.apiversion", "apiVersion"),
            Map.entry("ct.recipientaccountid", "recipientAccountId"),
            Map.entry("ct.serviceeventdetails", "serviceEventDetails"),
            Map.entry("ct.sharedeventid", "sharedEventID"),
            Map.entry("ct.vpcendpointid", "vpcEndpointId"),
            Map.entry("ct.eventcategory", "eventCategory"),
            Map.entry("ct.addendum.reason", "addendum.reason"),
            Map.entry("ct.addendum.updatedfields", "addendum.updatedFields"),
            Map.entry("ct.addendum.originalrequestid", "addendum.originalRequestID"),
            Map.entry("ct.addendum.originaleventid", "addendum.originalEventID"),
            Map.entry("ct.edgedevicedetails", "edgeDeviceDetails"),
            Map.entry("ct.tlsdetails.tlsversion", "tlsDetails.tlsVersion"),
            Map.entry("ct.tlsdetails.ciphersuite", "tlsDetails.cipherSuite"),
            Map.entry("ct.tlsdetails.clientprovidedhostheader", "tlsDetails.clientProvidedHostHeader"),
            Map.entry("s3.bucket", "requestParameters.bucketName"),
            Map.entry("s3.key", "requestParameters.key"),
            Map.entry("ecr.repository", "requestParameters.repositoryName"),
            Map.entry("ecr.imagetag", "requestParameters.imageTag"),
            Map.entry("iam.role", "requestParameters.roleName"),
            Map.entry("iam.policy", "requestParameters.policyName"));

    /** Boolean-ish fields: JSON path of the value. */
    private static final Map<String, String> FLAG_FIELDS = Map.of(
            "ct.managementevent", "managementEvent",
            "ct.readonly", "readOnly",
            "ct.sessioncredentialfromconsole", "sessionCredentialFromConsole");

    /** Whole-value fields: JSON path of the value. */
    private static final Map<String, String> COMPACT_FIELDS = Map.of(
            "ct.request", "requestParameters",
            "ct.response", "responseElements",
            "ct.additionaleventdata", "additionalEventData");

    private final CloudTrailConfig config;
    private final ParsedRecordCache cache = new ParsedRecordCache();
    private final AwsClients clients;

    CloudTrailInstance(CloudTrailConfig config) {
        this.config = config;
        this.clients = new AwsClients(config);
    }

    /** The configuration this state was initialised with. */
    public CloudTrailConfig config() {
        return config;
    }

    @Override
    public EventStream open(String openParams) throws PluginException {
        return switch (OpenParams.parse(openParams)) {
            case OpenParams.Local local -> new CloudTrailEventStream(LocalFileLister.list(local.path()),
                    (files, index) -> Files.readAllBytes(Path.of(files.get(index).name())));
            case OpenParams.S3 s3 -> openS3(s3);
            case OpenParams.Sqs sqs -> openSqs(sqs);
        };
    }

    private EventStream openS3(OpenParams.S3 location) throws PluginException {
        int concurrency = downloadConcurrency();
        List<String> accounts = S3KeyLister.accounts(config.s3AccountList());
        S3Interval interval = S3Interval.parse(config.s3Interval(), Instant.now());
        S3Client s3 = awsCall(() -> clients.s3());
        List<LogFile> files = new S3KeyLister(s3, location.bucket(), concurrency).list(location.prefix(), accounts, interval);
        return new CloudTrailEventStream(files, new S3Downloader(s3, concurrency), LogFileFeed.FINISHED, s3);
    }

    private EventStream openSqs(OpenParams.Sqs queue) throws PluginException {
        // The concurrency is only validated for S3 sources; SQS downloads at least one file at a time.
        int concurrency = (int) Math.max(1, Math.min(Integer.MAX_VALUE, config.s3DownloadConcurrency()));
        SqsClient sqs = awsCall(() -> clients.sqs());
        S3Client s3 = awsCall(() -> clients.s3());
        SqsFeed feed = SqsFeed.open(sqs, config, queue.queueName());
        List<LogFile> first = feed.more();
        return new CloudTrailEventStream(first, new S3Downloader(s3, concurrency), feed, sqs, s3);
    }

    private int downloadConcurrency() throws PluginException {
        long concurrency = config.s3DownloadConcurrency();
        if (concurrency < 1 || concurrency > Integer.MAX_VALUE) {
            throw new PluginException("cloudtrail invalid S3DownloadConcurrency: \"" + concurrency + "\"");
        }
        return (int) concurrency;
    }

    private static <T> T awsCall(java.util.function.Supplier<T> call) throws PluginException {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new PluginException(CloudTrailPlugin.NAME + " plugin error: " + e.getMessage(), e);
        }
    }

    @Override
    public FieldHandle bindField(FieldSpec field, FieldArgument argument) throws PluginException {
        String name = field.name();
        String plain = PLAIN_FIELDS.get(name);
        if (plain != null) {
            String[] path = RecordValues.path(plain);
            return text(root -> RecordFields.plain(root, path));
        }
        String flag = FLAG_FIELDS.get(name);
        if (flag != null) {
            String[] path = RecordValues.path(flag);
            return text(root -> RecordFields.flag(root, path));
        }
        String compact = COMPACT_FIELDS.get(name);
        if (compact != null) {
            String[] path = RecordValues.path(compact);
            return text(root -> RecordFields.compact(root, path));
        }
        return switch (name) {
            case "ct.shortsrc" -> text(RecordFields::shortSource);
            case "ct.user" -> text(RecordFields::user);
            case "ct.originaluser" -> text(RecordFields::originalUser);
            case "ct.user.accountid" -> text(RecordFields::accountId);
            case "ct.info" -> text(RecordFields::info);
            case "ct.resources" -> text(RecordFields::resources);
            // Upstream looks this one up under a differently-cased name, so it never has a value.
            case "ct.request.documentname" -> (event, out) -> false;
            case "s3.uri" -> text(RecordFields::s3Uri);
            case "s3.bytes" -> (event, out) -> {
                JsonValue root = document(event);
                if (root == null || !RecordFields.hasS3Bytes(root)) {
                    return false;
                }
                out.addLong(RecordFields.s3Bytes(root));
                return true;
            };
            case "s3.bytes.in" -> count(RecordFields.bytesInPath());
            case "s3.bytes.out" -> count(RecordFields.bytesOutPath());
            case "s3.cnt.get" -> operationCount(name, true);
            case "s3.cnt.put" -> operationCount(name, true);
            case "s3.cnt.other" -> operationCount(name, false);
            case "ec2.name" -> text(RecordFields::ec2Name);
            case "ec2.imageid" -> imageIds(0, true);
            case "ec2.imageids" -> imageIds(argument.present() ? argument.index() : -1, false);
            default -> throw new PluginException("field " + name + " is not provided by the cloudtrail plugin");
        };
    }

    @Override
    public String eventToString(Event event) {
        JsonValue root = document(event);
        if (root == null) {
            return "<invalid JSON: the event payload is not valid JSON>";
        }
        return RecordFields.summary(root);
    }

    private JsonValue document(Event event) {
        return event.type() == Event.PLUGIN_EVENT_TYPE ? cache.document(event) : null;
    }

    private FieldHandle text(Function<JsonValue, String> extractor) {
        return (event, out) -> {
            JsonValue root = document(event);
            String value = root == null ? null : extractor.apply(root);
            if (value == null) {
                return false;
            }
            out.addString(value);
            return true;
        };
    }

    private FieldHandle count(String[] path) {
        return (event, out) -> {
            JsonValue root = document(event);
            JsonValue value = root == null ? null : RecordValues.at(root, path);
            if (value == null) {
                return false;
            }
            out.addLong(RecordValues.count(value));
            return true;
        };
    }

    /** {@code s3.cnt.get/put} are 1 for their event name, {@code s3.cnt.other} for any other; else absent. */
    private FieldHandle operationCount(String field, boolean matching) {
        String operation = switch (field) {
            case "s3.cnt.get" -> "GetObject";
            case "s3.cnt.put" -> "PutObject";
            default -> null;
        };
        return (event, out) -> {
            JsonValue root = document(event);
            if (root == null) {
                return false;
            }
            String name = RecordFields.eventName(root);
            boolean counts = matching
                    ? operation.equals(name)
                    : !"GetObject".equals(name) && !"PutObject".equals(name);
            if (!counts) {
                return false;
            }
            out.addLong(1);
            return true;
        };
    }

    private FieldHandle imageIds(long index, boolean single) {
        return (event, out) -> {
            JsonValue root = document(event);
            if (root == null) {
                return false;
            }
            List<String> ids = new ArrayList<>(2);
            RecordFields.imageIds(root, index, ids);
            if (ids.isEmpty()) {
                return false;
            }
            if (single) {
                out.addString(ids.getFirst());
                return true;
            }
            ids.forEach(out::addString);
            return true;
        };
    }
}
