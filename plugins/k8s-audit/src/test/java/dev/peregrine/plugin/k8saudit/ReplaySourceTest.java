package dev.peregrine.plugin.k8saudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.api.testing.RecordingBatch;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The replay source: files, directories, globs, JSON lines and documents, gzip, bad input. */
class ReplaySourceTest {

    private static final String E1 = "{\"kind\":\"Event\",\"auditID\":\"1\",\"stageTimestamp\":\"2018-10-25T14:09:12.000001Z\"}";
    private static final String E2 = "{\"kind\":\"Event\",\"auditID\":\"2\",\"stageTimestamp\":\"2018-10-25T14:09:13Z\"}";

    @TempDir
    Path dir;

    private final PluginInstance instance = new K8sAuditPlugin().init(null, "");

    ReplaySourceTest() throws dev.peregrine.api.PluginException {
        // init can fail on bad client-auth settings; the defaults used here have none.
    }

    private List<String> replay(String openParams) throws PluginException {
        try (EventStream stream = instance.open(openParams)) {
            RecordingBatch batch = new RecordingBatch(1000);
            assertEquals(BatchStatus.SUCCESS, stream.nextBatch(batch));
            RecordingBatch rest = new RecordingBatch(1000);
            assertEquals(BatchStatus.EOF, stream.nextBatch(rest));
            return batch.texts();
        }
    }

    @Test
    void jsonLinesGiveOneEventPerAuditEventStampedWithStageTimestamp() throws Exception {
        Path file = Files.writeString(dir.resolve("a.log"), E1 + "\n\n" + "{\"kind\":0}\n" + "not json\n"
                + "{\"kind\":\"EventList\",\"items\":[" + E2 + ",{\"auditID\":\"x\"}]}\n");
        try (EventStream stream = instance.open(file.toString())) {
            RecordingBatch batch = new RecordingBatch(10);
            stream.nextBatch(batch);
            assertEquals(List.of(E1, E2), batch.texts());
            assertEquals(List.of(2.0, 1.0, 0.0), instance.metrics().stream().limit(3).map(m -> m.value()).toList(),
                    "two payloads dropped (unrecognised, not JSON), one event without stageTimestamp");
            assertEquals(1540476552000001000L, batch.events.get(0).timestampNanos());
            assertEquals(1540476553000000000L, batch.events.get(1).timestampNanos());
        }
    }

    @Test
    void prettyPrintedDocumentsAreReSerialisedCompactly() throws Exception {
        Path file = Files.writeString(dir.resolve("doc.json"), "[\n  " + E1.replace(",", ",\n   ") + "\n]\n");
        assertEquals(List.of(E1), replay(file.toString()));
    }

    @Test
    void gzipDirectoriesAndGlobsAreRead() throws Exception {
        Path gz = dir.resolve("b.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write((E2 + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path plain = Files.writeString(dir.resolve("a.log"), E1 + "\n");
        Files.setLastModifiedTime(plain, FileTime.fromMillis(1000));
        Files.setLastModifiedTime(gz, FileTime.fromMillis(2000));
        assertEquals(List.of(E1, E2), replay(dir.toString()));
        assertEquals(List.of(E2), replay(dir.resolve("*.gz").toString()));
    }

    @Test
    void oversizedEventsAreDroppedAndUnknownSchemesRejected() throws Exception {
        PluginInstance small = new K8sAuditPlugin().init(null, "{\"maxEventSize\":80}");
        Path file = Files.writeString(dir.resolve("a.log"), E1 + "\n" + E1.replace("\"1\"", "\"" + "y".repeat(100) + "\"") + "\n");
        try (EventStream stream = small.open(file.toString())) {
            RecordingBatch batch = new RecordingBatch(10);
            stream.nextBatch(batch);
            assertEquals(List.of(E1), batch.texts());
        }
        PluginException scheme = assertThrows(PluginException.class, () -> instance.open("ftp://x/y"));
        assertEquals("scheme \"ftp\" is not supported", scheme.getMessage());
        assertThrows(PluginException.class, () -> instance.open(dir.resolve("missing.log").toString()));
    }

    @Test
    void configDefaultsAndOverrides() {
        assertEquals(K8sAuditConfig.defaults(), K8sAuditConfig.parse(""));
        K8sAuditConfig config = K8sAuditConfig.parse("{\"maxEventSize\":10,\"webhookMaxBatchSize\":\"x\",\"sslCertificate\":\"/c.pem\"}");
        assertEquals(10, config.maxEventSize());
        assertEquals(K8sAuditConfig.DEFAULT_WEBHOOK_MAX_BATCH_SIZE, config.webhookMaxBatchSize());
        assertEquals("/c.pem", config.sslCertificate());
        assertEquals(1, new K8sAuditPlugin().info().id());
        assertEquals("k8s_audit", new K8sAuditPlugin().info().eventSource());
    }
}
