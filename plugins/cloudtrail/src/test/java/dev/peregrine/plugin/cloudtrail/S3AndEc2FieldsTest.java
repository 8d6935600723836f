package dev.peregrine.plugin.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.api.testing.TestEvent;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** s3.* and ec2.* fields (cloudtrail.md §9 S3 and EC2). */
class S3AndEc2FieldsTest {

    private final Extraction extraction = new Extraction();
    private long number = 1000;

    private List<Object> values(String field, String argument, String json) {
        return extraction.values(field, argument, TestEvent.plugin(++number, json));
    }

    @Test
    void bucketKeyAndUriComeFromTheRequest() {
        String json = "{\"requestParameters\":{\"bucketName\":\"b\",\"key\":\"dir/k.txt\"}}";
        assertEquals(Optional.of("b"), extraction.text("s3.bucket", json));
        assertEquals(Optional.of("dir/k.txt"), extraction.text("s3.key", json));
        assertEquals(Optional.of("s3://b/dir/k.txt"), extraction.text("s3.uri", json));
    }

    @Test
    void theUriNeedsBothBucketAndKeyAsStrings() {
        assertEquals(Optional.empty(), extraction.text("s3.uri", "{\"requestParameters\":{\"bucketName\":\"b\"}}"));
        assertEquals(Optional.empty(), extraction.text("s3.uri", "{\"requestParameters\":{\"bucketName\":\"b\",\"key\":1}}"));
    }

    @Test
    void bytesAddInAndOutWithFloatsTruncatedAndOtherValuesAsZero() {
        assertEquals(Optional.of(1536L), extraction.value("s3.bytes",
                "{\"additionalEventData\":{\"bytesTransferredIn\":512,\"bytesTransferredOut\":1024.9}}"));
        assertEquals(Optional.of(7L), extraction.value("s3.bytes",
                "{\"additionalEventData\":{\"bytesTransferredIn\":\"12\",\"bytesTransferredOut\":7}}"));
        assertEquals(Optional.of(0L), extraction.value("s3.bytes",
                "{\"additionalEventData\":{\"bytesTransferredIn\":null}}"));
        assertEquals(Optional.empty(), extraction.value("s3.bytes", "{\"additionalEventData\":{}}"));
    }

    @Test
    void bytesInAndOutArePresentOnlyWhenTheirMemberExists() {
        String json = "{\"additionalEventData\":{\"bytesTransferredIn\":3.7}}";
        assertEquals(Optional.of(3L), extraction.value("s3.bytes.in", json));
        assertEquals(Optional.empty(), extraction.value("s3.bytes.out", json));
        assertEquals(Optional.of(9L), extraction.value("s3.bytes.out", "{\"additionalEventData\":{\"bytesTransferredOut\":9}}"));
    }

    @Test
    void operationCountsAreOneForTheirEventAndOtherwiseAbsent() {
        String get = "{\"eventName\":\"GetObject\"}";
        String put = "{\"eventName\":\"PutObject\"}";
        String list = "{\"eventName\":\"ListBuckets\"}";
        assertEquals(Optional.of(1L), extraction.value("s3.cnt.get", get));
        assertEquals(Optional.empty(), extraction.value("s3.cnt.get", put));
        assertEquals(Optional.of(1L), extraction.value("s3.cnt.put", put));
        assertEquals(Optional.empty(), extraction.value("s3.cnt.put", list));
        assertEquals(Optional.of(1L), extraction.value("s3.cnt.other", list));
        assertEquals(Optional.empty(), extraction.value("s3.cnt.other", get));
        assertEquals(Optional.empty(), extraction.value("s3.cnt.other", put));
    }

    @Test
    void instanceNameIsTheNameTagOfTheLastInstanceSpecification() {
        String json = """
                {"requestParameters":{"tagSpecificationSet":{"items":[
                  {"resourceType":"instance","tags":[{"key":"Env","value":"prod"},{"key":"Name","value":"first"}]},
                  {"resourceType":"volume","tags":[{"key":"Name","value":"vol"}]},
                  {"resourceType":"instance","tags":[{"key":"Name","value":"web-1"},{"key":"Name","value":"dup"}]},
                  {"resourceType":"instance","tags":[{"key":"Env","value":"x"}]}]}}}""";
        assertEquals(Optional.of("web-1"), extraction.text("ec2.name", json));
    }

    @Test
    void anEmptyOrMissingInstanceNameIsAbsent() {
        assertEquals(Optional.empty(), extraction.text("ec2.name", "{\"requestParameters\":{\"tagSpecificationSet\":{\"items\":["
                + "{\"resourceType\":\"instance\",\"tags\":[{\"key\":\"Name\",\"value\":\"\"}]}]}}}"));
        assertEquals(Optional.empty(), extraction.text("ec2.name", "{\"requestParameters\":{}}"));
    }

    @Test
    void imageIdsListTheNonEmptyIdsOfTheResponseInstances() {
        String json = """
                {"requestParameters":{"imageId":"ami-request"},
                 "responseElements":{"instancesSet":{"items":[{"imageId":"ami-1"},{"imageId":""},{"x":1},{"imageId":"ami-4"}]}}}""";
        assertEquals(List.of("ami-1", "ami-4"), values("ec2.imageids", null, json));
        assertEquals(List.of("ami-1"), values("ec2.imageids", "0", json));
        assertEquals(List.of("ami-4"), values("ec2.imageids", "3", json));
        assertEquals(List.of(), values("ec2.imageids", "2", json));
        assertEquals(List.of(), values("ec2.imageids", "9", json));
        assertEquals(List.of("ami-1"), values("ec2.imageid", null, json));
    }

    @Test
    void withoutResponseInstancesTheRequestImageIdServesIndexZeroOnly() {
        assertEquals(List.of("ami-req"), values("ec2.imageids", null, "{\"requestParameters\":{\"imageId\":\"ami-req\"}}"));
        assertEquals(List.of("ami-req"), values("ec2.imageids", "0", "{\"requestParameters\":{\"imageId\":\"ami-req\"}}"));
        assertEquals(List.of(), values("ec2.imageids", "1", "{\"requestParameters\":{\"imageId\":\"ami-req\"}}"));
        assertEquals(List.of("ami-fast"), values("ec2.imageids", null,
                "{\"requestParameters\":{\"DescribeFastLaunchImagesRequest\":{\"ImageId\":{\"content\":\"ami-fast\"}}}}"));
        assertEquals(List.of("ami-spot"), values("ec2.imageid", null,
                "{\"requestParameters\":{\"launchSpecification\":{\"imageId\":\"ami-spot\"}}}"));
        assertEquals(List.of(), values("ec2.imageids", null, "{\"requestParameters\":{}}"));
    }
}
