package dev.peregrine.plugin.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.api.testing.TestEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Plain string fields, booleans and the extraction model (cloudtrail.md §8, §9 core record). */
class CoreFieldsTest {

    private static final String RECORD = """
            {"eventVersion":"1.08","eventID":"id-1","errorCode":"AccessDenied","errorMessage":"nope",
             "eventTime":"2014-03-06T21:22:54Z","eventSource":"ec2.amazonaws.com","eventName":"StartInstances",
             "awsRegion":"us-east-2","sourceIPAddress":"205.251.233.176","userAgent":"ec2-api-tools",
             "requestID":"req-1","eventType":"AwsApiCall","apiVersion":"2016-11-15","recipientAccountId":"123456789012",
             "serviceEventDetails":{"a":1},"sharedEventID":"shared-1","vpcEndpointId":"vpce-1",
             "eventCategory":"Management","edgeDeviceDetails":{"x":[1]},
             "addendum":{"reason":"DELIVERY_DELAY","updatedFields":"f","originalRequestID":"oreq","originalEventID":"oevt"},
             "tlsDetails":{"tlsVersion":"TLSv1.2","cipherSuite":"ECDHE","clientProvidedHostHeader":"ec2.example"},
             "managementEvent":true,"readOnly":false,"sessionCredentialFromConsole":"true"}""";

    private final Extraction extraction = new Extraction();

    private Optional<String> field(String name) {
        return extraction.text(name, RECORD);
    }

    @Test
    void recordMembersAreReadByTheirJsonNames() {
        assertEquals(Optional.of("id-1"), field("ct.id"));
        assertEquals(Optional.of("AccessDenied"), field("ct.error"));
        assertEquals(Optional.of("nope"), field("ct.errormessage"));
        assertEquals(Optional.of("2014-03-06T21:22:54Z"), field("ct.time"));
        assertEquals(Optional.of("ec2.amazonaws.com"), field("ct.src"));
        assertEquals(Optional.of("StartInstances"), field("ct.name"));
        assertEquals(Optional.of("us-east-2"), field("ct.region"));
        assertEquals(Optional.of("205.251.233.176"), field("ct.srcip"));
        assertEquals(Optional.of("ec2-api-tools"), field("ct.useragent"));
        assertEquals(Optional.of("req-1"), field("ct.requestid"));
        assertEquals(Optional.of("AwsApiCall"), field("ct.eventtype"));
        assertEquals(Optional.of("2016-11-15"), field("ct.apiversion"));
        assertEquals(Optional.of("123456789012"), field("ct.recipientaccountid"));
        assertEquals(Optional.of("shared-1"), field("ct.sharedeventid"));
        assertEquals(Optional.of("vpce-1"), field("ct.vpcendpointid"));
        assertEquals(Optional.of("Management"), field("ct.eventcategory"));
    }

    @Test
    void nestedAddendumAndTlsDetailsAreRead() {
        assertEquals(Optional.of("DELIVERY_DELAY"), field("ct.addendum.reason"));
        assertEquals(Optional.of("f"), field("ct.addendum.updatedfields"));
        assertEquals(Optional.of("oreq"), field("ct.addendum.originalrequestid"));
        assertEquals(Optional.of("oevt"), field("ct.addendum.originaleventid"));
        assertEquals(Optional.of("TLSv1.2"), field("ct.tlsdetails.tlsversion"));
        assertEquals(Optional.of("ECDHE"), field("ct.tlsdetails.ciphersuite"));
        assertEquals(Optional.of("ec2.example"), field("ct.tlsdetails.clientprovidedhostheader"));
    }

    @Test
    void presentValuesThatAreNotStringsGiveTheEmptyString() {
        assertEquals(Optional.of(""), field("ct.serviceeventdetails"));
        assertEquals(Optional.of(""), field("ct.edgedevicedetails"));
        assertEquals(Optional.of(""), extraction.text("ct.id", "{\"eventID\":12}"));
        assertEquals(Optional.of(""), extraction.text("ct.error", "{\"errorCode\":null}"));
        assertEquals(Optional.of(""), extraction.text("ct.request.policy", "{\"requestParameters\":{\"policy\":{\"Version\":\"1\"}}}"));
    }

    @Test
    void missingValuesAreAbsent() {
        assertEquals(Optional.empty(), extraction.text("ct.error", "{\"eventID\":\"x\"}"));
        assertEquals(Optional.empty(), extraction.text("ct.addendum.reason", "{\"addendum\":\"flat\"}"));
        assertEquals(Optional.empty(), extraction.text("ct.tlsdetails.tlsversion", "{}"));
    }

    @Test
    void shortSourceDropsTheAmazonawsSuffixOnlyWhenSomethingRemains() {
        assertEquals(Optional.of("ec2"), field("ct.shortsrc"));
        assertEquals(Optional.of(".amazonaws.com"), extraction.text("ct.shortsrc", "{\"eventSource\":\".amazonaws.com\"}"));
        assertEquals(Optional.of("signin.aws"), extraction.text("ct.shortsrc", "{\"eventSource\":\"signin.aws\"}"));
        assertEquals(Optional.empty(), extraction.text("ct.shortsrc", "{}"));
    }

    @Test
    void booleansAreTrueOnlyForJsonTrueAndAbsentWhenMissing() {
        assertEquals(Optional.of("true"), field("ct.managementevent"));
        assertEquals(Optional.of("false"), field("ct.readonly"));
        // CloudTrail writes this one as a string, so upstream reports false (kept on purpose).
        assertEquals(Optional.of("false"), field("ct.sessioncredentialfromconsole"));
        assertEquals(Optional.of("false"), extraction.text("ct.readonly", "{\"readOnly\":null}"));
        assertEquals(Optional.empty(), extraction.text("ct.readonly", "{\"eventName\":\"DescribeInstances\"}"));
        assertEquals(Optional.empty(), extraction.text("ct.managementevent", "{}"));
    }

    @Test
    void invalidPayloadsHaveNoFieldsAtAll() {
        assertEquals(Optional.empty(), extraction.text("ct.id", "{\"eventID\":\"x\""));
        assertEquals(Optional.empty(), extraction.text("ct.info", "not json"));
        assertEquals(Optional.empty(), extraction.value("s3.cnt.other", "{\"eventName\":"));
    }

    @Test
    void nulPaddingAroundThePayloadIsIgnored() {
        byte[] json = "{\"eventID\":\"padded\"}".getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[json.length + 3];
        System.arraycopy(json, 0, padded, 1, json.length);
        TestEvent event = new TestEvent(1, 0, TestEvent.PLUGIN_EVENT_TYPE, padded);
        assertEquals(List.of("padded"), extraction.values("ct.id", null, event));
    }

    @Test
    void eventsThatAreNotPluginEventsHaveNoFields() {
        TestEvent syscall = new TestEvent(1, 0, 5, "{\"eventID\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(), extraction.values("ct.id", null, syscall));
    }

    @Test
    void theParseIsRedoneForEveryNewEventNumber() {
        assertEquals(List.of("one"), extraction.values("ct.id", null, TestEvent.plugin(100, "{\"eventID\":\"one\"}")));
        assertEquals(List.of("two"), extraction.values("ct.id", null, TestEvent.plugin(101, "{\"eventID\":\"two\"}")));
    }

    @Test
    void duplicatedMembersResolveToTheFirstOne() {
        assertEquals(Optional.of("first"), extraction.text("ct.id", "{\"eventID\":\"first\",\"eventID\":\"second\"}"));
    }
}
