package dev.peregrine.plugin.k8saudit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.api.testing.RecordingBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file:// source follows a log from its end and survives both kinds of rotation. */
class WatchSourceTest {

    private static final String EVENT = "{\"kind\":\"Event\",\"auditID\":\"%s\",\"stageTimestamp\":\"2018-10-25T14:09:12Z\"}";

    @TempDir
    Path dir;

    private final PluginInstance instance = new K8sAuditPlugin().init(null, "");

    WatchSourceTest() throws dev.peregrine.api.PluginException {
        // init can fail on bad client-auth settings; the defaults used here have none.
    }

    private static List<String> read(EventStream stream) throws Exception {
        RecordingBatch batch = new RecordingBatch(100);
        BatchStatus status = stream.nextBatch(batch);
        if (batch.events.isEmpty()) {
            assertEquals(BatchStatus.TIMEOUT, status);
        }
        return batch.texts();
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void existingContentIsSkippedAndOnlyCompleteNewLinesAreRead() throws Exception {
        Path log = Files.writeString(dir.resolve("audit.log"), EVENT.formatted("old") + "\n");
        try (EventStream stream = instance.open("file://" + log)) {
            assertEquals(List.of(), read(stream));
            append(log, EVENT.formatted("new") + "\n" + EVENT.formatted("half").substring(0, 20));
            assertEquals(List.of(EVENT.formatted("new")), read(stream));
            append(log, EVENT.formatted("half").substring(20) + "\n");
            assertEquals(List.of(EVENT.formatted("half")), read(stream));
        }
    }

    @Test
    void copyTruncateAndRenameRotationRestartFromTheBeginning() throws Exception {
        Path log = dir.resolve("audit.log");
        try (EventStream stream = instance.open("file://" + log)) {
            assertEquals(List.of(), read(stream));
            append(log, EVENT.formatted("created") + "\n");
            assertEquals(List.of(EVENT.formatted("created")), read(stream));
            Files.writeString(log, "");
            append(log, EVENT.formatted("t") + "\n");
            assertEquals(List.of(EVENT.formatted("t")), read(stream));
            Files.move(log, dir.resolve("audit.log.1"));
            assertEquals(List.of(), read(stream));
            append(log, EVENT.formatted("renamed") + "\n");
            assertEquals(List.of(EVENT.formatted("renamed")), read(stream));
        }
    }
}
