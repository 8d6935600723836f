package dev.peregrine.plugin.cloudtrail;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Real S3 (s3proxy, in-memory store) and SQS (ElasticMQ) servers on 127.0.0.1 for one test class,
 * plus shared AWS config and credentials files that point the plugin at them.
 */
final class LocalAws implements AutoCloseable {

    static final String KEY_ID = "test-key";
    static final String SECRET = "test-secret";

    private final S3Proxy s3Proxy;
    private final SQSRestServer sqsServer;
    private final int s3Port;
    private final int sqsPort;

    LocalAws() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.identity", KEY_ID);
        properties.setProperty("jclouds.credential", SECRET);
        s3Proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("transient", properties))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY_ID, SECRET)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        s3Proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(s3Proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        s3Port = s3Proxy.getPort();
        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        sqsPort = sqsServer.waitUntilStarted().localAddress().getPort();
    }

    /** A client for seeding buckets. */
    S3Client s3() {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + s3Port))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
                .build();
    }

    /** A client for seeding and inspecting queues. */
    SqsClient sqs() {
        return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + sqsPort))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
                .build();
    }

    /**
     * Writes shared config and credentials files with a profile {@code local} whose S3 and SQS
     * endpoints are the local servers, and returns the init_config naming them, plus {@code extra}
     * members.
     */
    String initConfig(Path dir, String extra) throws IOException {
        Path config = dir.resolve("aws-config");
        Path credentials = dir.resolve("aws-credentials");
        Files.writeString(config, "[profile local]\nregion = us-east-1\nservices = local-servers\n\n"
                + "[services local-servers]\ns3 =\n  endpoint_url = http://127.0.0.1:" + s3Port + "\n"
                + "sqs =\n  endpoint_url = http://127.0.0.1:" + sqsPort + "\n");
        Files.writeString(credentials, "[local]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = " + SECRET + "\n");
        return "{\"aws\":{\"profile\":\"local\",\"config\":\"" + config + "\",\"credentials\":\"" + credentials + "\"}"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    @Override
    public void close() throws IOException {
        sqsServer.stopAndWait();
        try {
            s3Proxy.stop();
        } catch (Exception e) {
            throw new IOException("s3proxy did not stop", e);
        }
    }
}
