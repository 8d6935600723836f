package dev.peregrine.plugin.cloudtrail;

import dev.peregrine.api.FieldArgumentKind;
import dev.peregrine.api.FieldProperty;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import java.util.List;
import java.util.Set;

/** The cloudtrail plugin's field table, in upstream order (index = field id). */
public final class CloudTrailFields {

    /** All fields. */
    public static final List<FieldSpec> ALL = List.of(
            field("ct.id", FieldType.STRING, false, FieldArgumentKind.NONE, "Event ID", "CloudTrail event ID", Set.of()),
            field("ct.error", FieldType.STRING, false, FieldArgumentKind.NONE, "Error Code", "Error code; absent when the call succeeded", Set.of()),
            field("ct.errormessage", FieldType.STRING, false, FieldArgumentKind.NONE, "Error Message", "Error message; absent when the call succeeded", Set.of()),
            field("ct.time", FieldType.STRING, false, FieldArgumentKind.NONE, "Timestamp", "Event time string", Set.of(FieldProperty.HIDDEN)),
            field("ct.src", FieldType.STRING, false, FieldArgumentKind.NONE, "AWS Service", "AWS service endpoint that produced the event", Set.of()),
            field("ct.shortsrc", FieldType.STRING, false, FieldArgumentKind.NONE, "AWS Service", "Service name without the .amazonaws.com suffix", Set.of()),
            field("ct.name", FieldType.STRING, false, FieldArgumentKind.NONE, "Event Name", "API action name", Set.of()),
            field("ct.user", FieldType.STRING, false, FieldArgumentKind.NONE, "User Name", "Acting user derived from the identity type", Set.of(FieldProperty.CONVERSATION)),
            field("ct.originaluser", FieldType.STRING, false, FieldArgumentKind.NONE, "Original User Name", "User name as recorded; session name for assumed roles", Set.of()),
            field("ct.user.accountid", FieldType.STRING, false, FieldArgumentKind.NONE, "User Account ID", "Account ID of the caller", Set.of()),
            field("ct.user.identitytype", FieldType.STRING, false, FieldArgumentKind.NONE, "User Identity Type", "Identity type of the caller", Set.of()),
            field("ct.user.principalid", FieldType.STRING, false, FieldArgumentKind.NONE, "User Principal Id", "Principal ID of the caller", Set.of()),
            field("ct.user.arn", FieldType.STRING, false, FieldArgumentKind.NONE, "User ARN", "ARN of the caller", Set.of()),
            field("ct.region", FieldType.STRING, false, FieldArgumentKind.NONE, "Region", "AWS region of the event", Set.of()),
            field("ct.response.subnetid", FieldType.STRING, false, FieldArgumentKind.NONE, "Response Subnet ID", "Subnet ID in the response", Set.of()),
            field("ct.response.reservationid", FieldType.STRING, false, FieldArgumentKind.NONE, "Response Reservation ID", "Reservation ID in the response", Set.of()),
            field("ct.response", FieldType.STRING, false, FieldArgumentKind.NONE, "Response Elements", "All response elements as compact JSON", Set.of()),
            field("ct.request.availabilityzone", FieldType.STRING, false, FieldArgumentKind.NONE, "Request Availability Zone", "Availability zone in the request", Set.of()),
            field("ct.request.cluster", FieldType.STRING, false, FieldArgumentKind.NONE, "Request Cluster", "Cluster in the request", Set.of()),
            field("ct.request.functionname", FieldType.STRING, false, FieldArgumentKind.NONE, "Request Function Name", "Function name in the request", Set.of()),
            field("ct.request.groupname", FieldType.STRING, false, FieldArgumentKind.NONE, "Request Group Name", "Group name in the request", Set.of()),
            field("ct.request.host", FieldType.STRING, false, FieldArgumentKind.NONE, "Request Host Name", "Host in the request", Set.of()),
            field("ct.request.name", FieldType.STRING, false, FieldArgumentKind.NONE, "Host Name", "Name of the entity acted upon", Set.of()),
            field("ct.request.policy", FieldType.STRING, false, FieldArgumentKind.NONE, "Host Policy", "Policy in the request", Set.of()),
            field("ct.request.reason", FieldType.STRING, false, FieldArgumentKind.NONE, "Request Reason", "Reason in the request", Set.of()),
            field("ct.request.target", FieldType.STRING, false, FieldArgumentKind.NONE, "Request Target", "Target in the request", Set.of()),
            field("ct.request.documentname", FieldType.STRING, false, FieldArgumentKind.NONE, "Request Document Name", "Document name in the request (never extracted upstream)", Set.of()),
            field("ct.request.serialnumber", FieldType.STRING, false, FieldArgumentKind.NONE, "Request Serial Number", "Serial number in the request", Set.of()),
            field("ct.request.servicename", FieldType.STRING, false, FieldArgumentKind.NONE, "Request Service", "Service name in the request", Set.of()),
            field("ct.request.subnetid", FieldType.STRING, false, FieldArgumentKind.NONE, "Request Subnet ID", "Subnet ID in the request", Set.of()),
            field("ct.request.taskdefinition", FieldType.STRING, false, FieldArgumentKind.NONE, "Request Task Definition", "Task definition in the request", Set.of()),
            field("ct.request.username", FieldType.STRING, false, FieldArgumentKind.NONE, "Request User Name", "User name in the request", Set.of()),
            field("ct.request", FieldType.STRING, false, FieldArgumentKind.NONE, "Request Parameters", "All request parameters as compact JSON", Set.of()),
            field("ct.srcip", FieldType.STRING, false, FieldArgumentKind.NONE, "Source IP", "Source IP address or service name of the caller", Set.of(FieldProperty.CONVERSATION)),
            field("ct.useragent", FieldType.STRING, false, FieldArgumentKind.NONE, "User Agent", "User agent of the caller", Set.of()),
            field("ct.info", FieldType.STRING, false, FieldArgumentKind.NONE, "Info", "Computed one-line summary (who, where, what, extras)", Set.of(FieldProperty.INFO)),
            field("ct.managementevent", FieldType.STRING, false, FieldArgumentKind.NONE, "Management Event", "true for management events", Set.of()),
            field("ct.readonly", FieldType.STRING, false, FieldArgumentKind.NONE, "Read Only", "true for read-only calls", Set.of()),
            field("ct.requestid", FieldType.STRING, false, FieldArgumentKind.NONE, "Request ID", "Request ID", Set.of()),
            field("ct.eventtype", FieldType.STRING, false, FieldArgumentKind.NONE, "Event Type", "Event record type", Set.of()),
            field("ct.apiversion", FieldType.STRING, false, FieldArgumentKind.NONE, "API Version", "API version", Set.of()),
            field("ct.resources", FieldType.STRING, false, FieldArgumentKind.NONE, "Resources", "Accessed resources as comma-joined compact JSON objects", Set.of()),
            field("ct.recipientaccountid", FieldType.STRING, false, FieldArgumentKind.NONE, "Recipient Account Id", "Account that received the event", Set.of()),
            field("ct.serviceeventdetails", FieldType.STRING, false, FieldArgumentKind.NONE, "Service Event Details", "Service event details (object in practice => empty string)", Set.of()),
            field("ct.sharedeventid", FieldType.STRING, false, FieldArgumentKind.NONE, "Shared Event ID", "Shared event GUID", Set.of()),
            field("ct.vpcendpointid", FieldType.STRING, false, FieldArgumentKind.NONE, "VPC Endpoint ID", "VPC endpoint ID", Set.of()),
            field("ct.eventcategory", FieldType.STRING, false, FieldArgumentKind.NONE, "Event Category", "Event category", Set.of()),
            field("ct.addendum.reason", FieldType.STRING, false, FieldArgumentKind.NONE, "Reason", "Addendum reason", Set.of()),
            field("ct.addendum.updatedfields", FieldType.STRING, false, FieldArgumentKind.NONE, "Updated Fields", "Fields updated by the addendum", Set.of()),
            field("ct.addendum.originalrequestid", FieldType.STRING, false, FieldArgumentKind.NONE, "Original Request ID", "Original request ID of the addendum", Set.of()),
            field("ct.addendum.originaleventid", FieldType.STRING, false, FieldArgumentKind.NONE, "Original Event ID", "Original event ID of the addendum", Set.of()),
            field("ct.sessioncredentialfromconsole", FieldType.STRING, false, FieldArgumentKind.NONE, "Session Credential From Console", "Whether the session came from the console", Set.of()),
            field("ct.edgedevicedetails", FieldType.STRING, false, FieldArgumentKind.NONE, "Edge Device Details", "Edge device details (object => empty string)", Set.of()),
            field("ct.tlsdetails.tlsversion", FieldType.STRING, false, FieldArgumentKind.NONE, "TLS Version", "TLS version", Set.of()),
            field("ct.tlsdetails.ciphersuite", FieldType.STRING, false, FieldArgumentKind.NONE, "TLS Cipher Suite", "TLS cipher suite", Set.of()),
            field("ct.tlsdetails.clientprovidedhostheader", FieldType.STRING, false, FieldArgumentKind.NONE, "Client Provided Host Header", "Client-provided Host header", Set.of()),
            field("ct.additionaleventdata", FieldType.STRING, false, FieldArgumentKind.NONE, "Additional Event Data", "Additional event data as compact JSON", Set.of()),
            field("s3.uri", FieldType.STRING, false, FieldArgumentKind.NONE, "Key URI", "S3 object URI", Set.of(FieldProperty.CONVERSATION)),
            field("s3.bucket", FieldType.STRING, false, FieldArgumentKind.NONE, "Bucket Name", "S3 bucket name", Set.of(FieldProperty.CONVERSATION)),
            field("s3.key", FieldType.STRING, false, FieldArgumentKind.NONE, "Key Name", "S3 object key", Set.of()),
            field("s3.bytes", FieldType.UINT64, false, FieldArgumentKind.NONE, "Total Bytes", "Bytes transferred in plus out", Set.of()),
            field("s3.bytes.in", FieldType.UINT64, false, FieldArgumentKind.NONE, "Bytes In", "Bytes uploaded", Set.of(FieldProperty.HIDDEN)),
            field("s3.bytes.out", FieldType.UINT64, false, FieldArgumentKind.NONE, "Bytes Out", "Bytes downloaded", Set.of(FieldProperty.HIDDEN)),
            field("s3.cnt.get", FieldType.UINT64, false, FieldArgumentKind.NONE, "N Get Ops", "1 for GetObject", Set.of(FieldProperty.HIDDEN)),
            field("s3.cnt.put", FieldType.UINT64, false, FieldArgumentKind.NONE, "N Put Ops", "1 for PutObject", Set.of(FieldProperty.HIDDEN)),
            field("s3.cnt.other", FieldType.UINT64, false, FieldArgumentKind.NONE, "N Other Ops", "1 for non Get/Put events", Set.of(FieldProperty.HIDDEN)),
            field("ec2.name", FieldType.STRING, false, FieldArgumentKind.NONE, "Instance Name", "Instance Name tag from the request", Set.of()),
            field("ec2.imageid", FieldType.STRING, false, FieldArgumentKind.NONE, "Image Id", "Deprecated: first image ID", Set.of()),
            field("ec2.imageids", FieldType.STRING, true, FieldArgumentKind.INDEX, "Image Ids", "Image IDs of the instances involved", Set.of()),
            field("ecr.repository", FieldType.STRING, false, FieldArgumentKind.NONE, "ECR Repository name", "ECR repository name", Set.of()),
            field("ecr.imagetag", FieldType.STRING, false, FieldArgumentKind.NONE, "Image Tag", "ECR image tag", Set.of()),
            field("iam.role", FieldType.STRING, false, FieldArgumentKind.NONE, "IAM Role", "IAM role name", Set.of()),
            field("iam.policy", FieldType.STRING, false, FieldArgumentKind.NONE, "IAM Policy", "IAM policy name", Set.of()));

    private CloudTrailFields() {
    }

    private static FieldSpec field(String name, FieldType type, boolean list, FieldArgumentKind argument,
                                   String display, String description, Set<FieldProperty> properties) {
        return new FieldSpec(name, type, list, argument, false, display, description, properties, false);
    }
}
