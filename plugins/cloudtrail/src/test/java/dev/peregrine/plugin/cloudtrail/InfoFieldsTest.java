package dev.peregrine.plugin.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ct.info and evt.plugininfo (cloudtrail.md §10). */
class InfoFieldsTest {

    private static final String ALICE = """
            {"userIdentity":{"type":"IAMUser","userName":"Alice"},"eventSource":"ec2.amazonaws.com",
             "eventName":"StartInstances","awsRegion":"us-east-2","sourceIPAddress":"205.251.233.176"}""";

    private final Extraction extraction = new Extraction();

    private Optional<String> info(String json) {
        return extraction.text("ct.info", json);
    }

    @Test
    void readCallsOfAUserViaAnAddressPointLeft() {
        assertEquals(Optional.of("Alice via 205.251.233.176 \u2190 StartInstances"), info(ALICE));
    }

    @Test
    void writesPointRightAndErrorsGetAnExclamationMark() {
        assertEquals(Optional.of("Alice via 1.2.3.4 !\u2192 RunInstances"), info("""
                {"userIdentity":{"type":"IAMUser","userName":"Alice"},"sourceIPAddress":"1.2.3.4",
                 "eventName":"RunInstances","readOnly":false,"errorCode":"Denied"}"""));
        assertEquals(Optional.of("Alice via 1.2.3.4 \u2190 DescribeInstances"), info("""
                {"userIdentity":{"type":"IAMUser","userName":"Alice"},"sourceIPAddress":"1.2.3.4",
                 "eventName":"DescribeInstances","readOnly":true}"""));
    }

    @Test
    void aUserThatIsItsOwnSourceIsNotRepeated() {
        assertEquals(Optional.of("ec2.amazonaws.com \u2190 AssumeRole"), info("""
                {"userIdentity":{"type":"AWSService","invokedBy":"ec2.amazonaws.com"},
                 "sourceIPAddress":"ec2.amazonaws.com","eventName":"AssumeRole"}"""));
    }

    @Test
    void missingPartsAreReportedInOrderUserSourceName() {
        assertEquals(Optional.of("<invalid cloudtrail event: userIdentity field missing>"),
                info("{\"sourceIPAddress\":\"1.2.3.4\",\"eventName\":\"X\"}"));
        assertEquals(Optional.of("<invalid cloudtrail event: eventSource field missing>"),
                info("{\"userIdentity\":{\"type\":\"AWSAccount\"},\"eventName\":\"X\"}"));
        assertEquals(Optional.of("<invalid cloudtrail event: eventName field missing>"),
                info("{\"userIdentity\":{\"type\":\"AWSAccount\"},\"sourceIPAddress\":\"1.2.3.4\"}"));
    }

    @Test
    void s3DetailsAddSizeThenTheFirstOfUriBucketKeyHost() {
        String base = "\"userIdentity\":{\"type\":\"Root\",\"userName\":\"root\"},\"sourceIPAddress\":\"1.1.1.1\","
                + "\"eventName\":\"GetObject\",\"readOnly\":true";
        assertEquals(Optional.of("root via 1.1.1.1 \u2190 GetObject Size=30 URI=s3://b/k"), info("{" + base
                + ",\"requestParameters\":{\"bucketName\":\"b\",\"key\":\"k\",\"Host\":\"h\"},"
                + "\"additionalEventData\":{\"bytesTransferredIn\":10,\"bytesTransferredOut\":20}}"));
        assertEquals(Optional.of("root via 1.1.1.1 \u2190 GetObject Bucket=b"), info("{" + base
                + ",\"requestParameters\":{\"bucketName\":\"b\",\"Host\":\"h\"}}"));
        assertEquals(Optional.of("root via 1.1.1.1 \u2190 GetObject Key=k"), info("{" + base
                + ",\"requestParameters\":{\"key\":\"k\",\"Host\":\"h\"}}"));
        assertEquals(Optional.of("root via 1.1.1.1 \u2190 GetObject Host=h"), info("{" + base
                + ",\"requestParameters\":{\"Host\":\"h\"}}"));
    }

    @Test
    void publicAccessBlockFlagsAreReadFromTheRootSoTheyPrintFalse() {
        assertEquals(Optional.of("root via 1.1.1.1 \u2192 PutBucketPublicAccessBlock BlockPublicAcls=false "
                        + "BlockPublicPolicy=false IgnorePublicAcls=false RestrictPublicBuckets=false "),
                info("""
                        {"userIdentity":{"type":"Root","userName":"root"},"sourceIPAddress":"1.1.1.1",
                         "eventName":"PutBucketPublicAccessBlock","readOnly":false,
                         "requestParameters":{"bucketName":"b","PublicAccessBlockConfiguration":
                           {"BlockPublicAcls":true,"BlockPublicPolicy":true,"IgnorePublicAcls":true,"RestrictPublicBuckets":true}}}"""));
    }

    @Test
    void pluginInfoIsRegionUserServiceNameAndInfo() {
        assertEquals("us-east-2 Alice ec2 StartInstances Alice via 205.251.233.176 \u2190 StartInstances",
                extraction.pluginInfo(ALICE));
    }

    @Test
    void pluginInfoLeavesOutAMissingUser() {
        assertEquals("us-east-2 ec2 StartInstances <invalid cloudtrail event: userIdentity field missing>",
                extraction.pluginInfo("{\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"StartInstances\","
                        + "\"awsRegion\":\"us-east-2\"}"));
    }

    @Test
    void pluginInfoNeedsSourceRegionAndNameAsStrings() {
        assertEquals("<invalid JSON: event did not contain a source>",
                extraction.pluginInfo("{\"eventSource\":1,\"awsRegion\":\"r\",\"eventName\":\"n\"}"));
        assertEquals("<invalid JSON: event did not contain an awsRegion>",
                extraction.pluginInfo("{\"eventSource\":\"s\",\"eventName\":\"n\"}"));
        assertEquals("<invalid JSON: event did not contain an eventName>",
                extraction.pluginInfo("{\"eventSource\":\"s\",\"awsRegion\":\"r\"}"));
    }
}
