package dev.peregrine.plugin.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInfo;
import dev.peregrine.plugin.support.json.JsonDocumentParser;
import dev.peregrine.plugin.support.json.JsonValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Identity (cloudtrail.md §1), init_config (§2) and open_params (§3). */
class CloudTrailPluginTest {

    private final CloudTrailPlugin plugin = new CloudTrailPlugin();

    @Test
    void isCloudtrail0171WithId2SourcingAwsCloudtrail() {
        PluginInfo info = plugin.info();
        assertEquals("cloudtrail", info.name());
        assertEquals("0.17.1", info.version());
        assertEquals(2, info.id());
        assertEquals("aws_cloudtrail", info.eventSource());
        assertTrue(info.sourcesEvents());
        assertFalse(info.description().isEmpty());
        assertFalse(info.contact().isEmpty());
        // Empty: extraction applies to the plugin's own source only.
        assertTrue(plugin.extractEventSources().isEmpty());
    }

    @Test
    void publishesASchemaThatIsOneJsonObjectWithEveryKey() {
        String schema = plugin.initSchema().orElseThrow();
        JsonValue parsed = new JsonDocumentParser().parse(schema.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        JsonValue.JsonObject properties = (JsonValue.JsonObject) ((JsonValue.JsonObject) parsed).member("properties");
        assertEquals(java.util.List.of("s3DownloadConcurrency", "s3Interval", "sqsDelete", "useAsync", "useS3SNS",
                "s3AccountList", "sqsOwnerAccount", "aws"), properties.keys());
        assertEquals(new JsonValue.JsonString("integer"),
                ((JsonValue.JsonObject) properties.member("s3DownloadConcurrency")).member("type"));
    }

    @Test
    void emptyConfigMeansTheCodeDefaults() {
        CloudTrailConfig config = CloudTrailConfig.parse("{}");
        assertEquals(CloudTrailConfig.defaults(), config);
        assertEquals(32, config.s3DownloadConcurrency());
        assertTrue(config.sqsDelete());
        assertFalse(config.useS3Sns());
        assertEquals(CloudTrailConfig.defaults(), CloudTrailConfig.parse(""));
    }

    @Test
    void everyKeyIsRead() {
        CloudTrailConfig config = CloudTrailConfig.parse("""
                {"s3DownloadConcurrency": 4, "s3Interval": "5d-2d", "sqsDelete": false, "useS3SNS": true,
                 "s3AccountList": "123456789012,210987654321", "sqsOwnerAccount": "111122223333",
                 "useAsync": false, "unknown": [1],
                 "aws": {"profile": "p", "region": "eu-west-1", "config": "/c", "credentials": "/k"}}""");
        assertEquals(new CloudTrailConfig(4, "5d-2d", false, true, "123456789012,210987654321", "111122223333",
                "p", "eu-west-1", "/c", "/k"), config);
    }

    @Test
    void keysMatchCaseInsensitivelyAndTheLastOccurrenceWinsLikeGoDecoding() {
        CloudTrailConfig config = CloudTrailConfig.parse(
                "{\"S3DOWNLOADCONCURRENCY\": 3, \"sqsdelete\": false, \"s3DownloadConcurrency\": 5}");
        assertEquals(5, config.s3DownloadConcurrency());
        assertFalse(config.sqsDelete());
    }

    @Test
    void valuesOfTheWrongTypeKeepTheirDefaults() {
        CloudTrailConfig config = CloudTrailConfig.parse(
                "{\"s3DownloadConcurrency\": \"8\", \"sqsDelete\": \"no\", \"s3Interval\": 5, \"aws\": \"x\"}");
        assertEquals(CloudTrailConfig.defaults(), config);
    }

    @Test
    void aConfigThatIsNotJsonKeepsEveryDefault() {
        assertEquals(CloudTrailConfig.defaults(), CloudTrailConfig.parse("not json"));
        assertEquals(CloudTrailConfig.defaults(), CloudTrailConfig.parse("[1,2]"));
    }

    @Test
    void initKeepsTheParsedConfiguration() {
        CloudTrailInstance instance = (CloudTrailInstance) plugin.init(null, "{\"s3Interval\":\"1h\"}");
        assertEquals("1h", instance.config().s3Interval());
    }

    @Test
    void openParamsAreClassifiedByCaseSensitivePrefix() {
        assertEquals(new OpenParams.S3("bucket", "my/prefix/"), OpenParams.parse("s3://bucket/my/prefix/"));
        assertEquals(new OpenParams.S3("bucket", ""), OpenParams.parse("s3://bucket"));
        assertEquals(new OpenParams.S3("bucket", ""), OpenParams.parse("s3://bucket/"));
        assertEquals(new OpenParams.Sqs("queue-name"), OpenParams.parse("sqs://queue-name"));
        assertEquals(new OpenParams.Local("S3://bucket"), OpenParams.parse("S3://bucket"));
        assertEquals(new OpenParams.Local("/var/log/ct"), OpenParams.parse("/var/log/ct"));
        assertEquals(new OpenParams.Local(""), OpenParams.parse(""));
    }

    @Test
    void declaresThe73FieldsOfTheSpecTable() {
        assertEquals(73, plugin.fields().size());
        assertEquals("ct.id", plugin.fields().getFirst().name());
        assertEquals("iam.policy", plugin.fields().getLast().name());
        FieldSpec bytes = plugin.fields().stream().filter(f -> f.name().equals("s3.bytes")).findFirst().orElseThrow();
        assertEquals(FieldType.UINT64, bytes.type());
        FieldSpec imageIds = plugin.fields().stream().filter(f -> f.name().equals("ec2.imageids")).findFirst().orElseThrow();
        assertTrue(imageIds.list());
        assertEquals(dev.peregrine.api.FieldArgumentKind.INDEX, imageIds.argument());
        assertFalse(imageIds.argumentRequired());
        assertTrue(plugin.fields().stream().allMatch(f -> !f.displayName().isEmpty() && !f.description().isEmpty()));
    }

    @Test
    void everyDeclaredFieldBindsAndAForeignOneDoesNot() throws PluginException {
        CloudTrailInstance instance = (CloudTrailInstance) plugin.init(null, "");
        for (FieldSpec field : plugin.fields()) {
            assertInstanceOf(dev.peregrine.api.FieldHandle.class, instance.bindField(field, FieldArgument.none()));
        }
        FieldSpec foreign = FieldSpec.of("json.value", FieldType.STRING, "not ours");
        PluginException error = assertThrows(PluginException.class, () -> instance.bindField(foreign, FieldArgument.none()));
        assertEquals("field json.value is not provided by the cloudtrail plugin", error.getMessage());
    }
}
