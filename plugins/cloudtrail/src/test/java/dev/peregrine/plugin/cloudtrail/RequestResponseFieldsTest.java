package dev.peregrine.plugin.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ct.request*, ct.response*, ct.additionaleventdata, ct.resources, ecr.* and iam.* (cloudtrail.md §9). */
class RequestResponseFieldsTest {

    private static final String RECORD = """
            {"requestParameters": { "availabilityZone":"us-east-1a", "cluster":"c1", "functionName":"fn",
               "groupName":"g", "Host":"bucket.s3.amazonaws.com", "host":"lower", "name":"n", "policy":"p",
               "reason":"r", "target":"t", "documentName":"doc", "DocumentName":"Doc", "serialNumber":"sn",
               "serviceName":"svc", "subnetId":"subnet-1", "taskDefinition":"td", "userName":"bob",
               "repositoryName":"repo", "imageTag":"latest", "roleName":"role", "policyName":"pol",
               "list": [1, 2.50, "a\\"b"] },
             "responseElements": null,
             "additionalEventData": {"MFAUsed":"Yes", "n": 1e3}}""";

    private final Extraction extraction = new Extraction();

    private Optional<String> field(String name) {
        return extraction.text(name, RECORD);
    }

    @Test
    void requestParametersAreReadByTheirJsonNames() {
        assertEquals(Optional.of("us-east-1a"), field("ct.request.availabilityzone"));
        assertEquals(Optional.of("c1"), field("ct.request.cluster"));
        assertEquals(Optional.of("fn"), field("ct.request.functionname"));
        assertEquals(Optional.of("g"), field("ct.request.groupname"));
        assertEquals(Optional.of("n"), field("ct.request.name"));
        assertEquals(Optional.of("p"), field("ct.request.policy"));
        assertEquals(Optional.of("r"), field("ct.request.reason"));
        assertEquals(Optional.of("t"), field("ct.request.target"));
        assertEquals(Optional.of("sn"), field("ct.request.serialnumber"));
        assertEquals(Optional.of("svc"), field("ct.request.servicename"));
        assertEquals(Optional.of("subnet-1"), field("ct.request.subnetid"));
        assertEquals(Optional.of("td"), field("ct.request.taskdefinition"));
        assertEquals(Optional.of("bob"), field("ct.request.username"));
    }

    @Test
    void hostIsReadWithACapitalH() {
        assertEquals(Optional.of("bucket.s3.amazonaws.com"), field("ct.request.host"));
    }

    @Test
    void documentNameIsNeverExtractedAsUpstreamMissesIt() {
        assertEquals(Optional.empty(), field("ct.request.documentname"));
    }

    @Test
    void ecrAndIamNamesComeFromTheRequest() {
        assertEquals(Optional.of("repo"), field("ecr.repository"));
        assertEquals(Optional.of("latest"), field("ecr.imagetag"));
        assertEquals(Optional.of("role"), field("iam.role"));
        assertEquals(Optional.of("pol"), field("iam.policy"));
    }

    @Test
    void wholeObjectsAreCompactJsonWithLiteralsVerbatim() {
        assertEquals(Optional.of("{\"MFAUsed\":\"Yes\",\"n\":1e3}"), field("ct.additionaleventdata"));
        String request = field("ct.request").orElseThrow();
        assertEquals(true, request.startsWith("{\"availabilityZone\":\"us-east-1a\",\"cluster\":\"c1\","), request);
        assertEquals(true, request.endsWith(",\"list\":[1,2.50,\"a\\\"b\"]}"), request);
    }

    @Test
    void aNullResponseIsTheTextNullAndAMissingOneIsAbsent() {
        assertEquals(Optional.of("null"), field("ct.response"));
        assertEquals(Optional.empty(), extraction.text("ct.response", "{}"));
    }

    @Test
    void responseSubnetAndReservationAreRead() {
        String json = "{\"responseElements\":{\"subnetId\":\"subnet-9\",\"reservationId\":\"r-1\"}}";
        assertEquals(Optional.of("subnet-9"), extraction.text("ct.response.subnetid", json));
        assertEquals(Optional.of("r-1"), extraction.text("ct.response.reservationid", json));
        assertEquals(Optional.empty(), field("ct.response.subnetid"));
    }

    @Test
    void resourcesAreCompactObjectsJoinedByCommas() {
        assertEquals(Optional.of("{\"ARN\":\"arn:a\",\"type\":\"AWS::S3::Object\"},{\"ARN\":\"arn:b\"}"),
                extraction.text("ct.resources",
                        "{\"resources\":[ {\"ARN\": \"arn:a\", \"type\": \"AWS::S3::Object\"}, {\"ARN\":\"arn:b\"} ]}"));
        assertEquals(Optional.empty(), extraction.text("ct.resources", "{\"resources\":[]}"));
        assertEquals(Optional.empty(), extraction.text("ct.resources", "{\"resources\":{\"a\":1}}"));
        assertEquals(Optional.empty(), extraction.text("ct.resources", "{}"));
    }
}
