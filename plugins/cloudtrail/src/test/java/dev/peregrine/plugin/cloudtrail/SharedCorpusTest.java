package dev.peregrine.plugin.cloudtrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.testing.RecordingBatch;
import dev.peregrine.api.testing.TestEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks against the shared corpus: Falco's alice trace and the spec's field table. */
class SharedCorpusTest {

    private static Path shared(String relative) {
        String shared = System.getProperty("peregrine.shared");
        assumeTrue(shared != null, "system property peregrine.shared is not set; skipping the shared-corpus test");
        Path path = Path.of(shared, relative);
        assumeTrue(Files.exists(path), "shared corpus absent (" + path + "); skipping the shared-corpus test");
        return path;
    }

    @Test
    void aliceTraceIsOneStartInstancesEventWithUpstreamsPluginInfo() throws PluginException {
        Path trace = shared("compat/legacy/trace_files/plugins/alice_start_instances.json");
        CloudTrailInstance instance = (CloudTrailInstance) new CloudTrailPlugin().init(null, "");
        EventStream stream = instance.open(trace.toString());
        RecordingBatch batch = new RecordingBatch(128);
        assertEquals(BatchStatus.EOF, stream.nextBatch(batch));
        assertEquals(1, batch.events.size());
        assertEquals(1_394_140_974_000_000_000L, batch.events.getFirst().timestampNanos());

        TestEvent event = new TestEvent(1, batch.events.getFirst().timestampNanos(), TestEvent.PLUGIN_EVENT_TYPE,
                batch.events.getFirst().payload());
        assertEquals("us-east-2 Alice ec2 StartInstances Alice via 205.251.233.176 \u2190 StartInstances",
                instance.eventToString(event));
        Extraction extraction = new Extraction();
        assertEquals(List.of("StartInstances"), extraction.values("ct.name", null, event));
        assertEquals(List.of("Alice"), extraction.values("ct.user", null, event));
    }

    @Test
    void fieldTableMatchesTheSpecTsvInOrderTypeAndListness() throws IOException {
        Path tsv = shared("spec/fields-cloudtrail.tsv");
        List<String[]> rows = Files.readAllLines(tsv).stream().skip(1).filter(l -> !l.isBlank())
                .map(l -> l.split("\t")).toList();
        List<FieldSpec> fields = new CloudTrailPlugin().fields();
        assertEquals(rows.size(), fields.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            FieldSpec field = fields.get(i);
            assertEquals(row[0], field.name());
            assertEquals(row[1].equals("uint64") ? FieldType.UINT64 : FieldType.STRING, field.type(), row[0]);
            assertEquals(row[2].equals("yes"), field.list(), row[0]);
        }
    }
}
