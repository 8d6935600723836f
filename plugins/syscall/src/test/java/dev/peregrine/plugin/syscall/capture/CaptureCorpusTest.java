package dev.peregrine.plugin.syscall.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.plugin.syscall.SharedSpecs;
import dev.peregrine.plugin.syscall.event.EventInfo;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads every capture of the legacy corpus completely and compares the raw event stream with the
 * sysdig 0.29 oracle dumps, which number every stored event (no converter) and hide procinfo and
 * container meta events.
 */
class CaptureCorpusTest {

    private static final EventTable TABLE = EventTable.standard();
    private static final int PROCINFO = 234;

    /** What the test keeps of one raw event. */
    private record Seen(long number, int type, long timestamp, long tid, int cpu) {
    }

    /** One oracle row: evt.num, evt.rawtime, evt.type, evt.dir, proc.pid. */
    private record OracleRow(long number, long timestamp, String type, String direction, String pid) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"cat_write", "connect_localhost", "empty", "open-multiple-files", "ping_sendto", "syscall"})
    void everyCaptureReadsCompletelyAndMatchesTheOracle(String capture) throws IOException {
        Path file = SharedSpecs.require("compat/legacy/trace_files/" + capture + ".scap");
        Path oracle = SharedSpecs.require("compat/oracle/" + capture + ".tsv");
        List<String> warnings = new ArrayList<>();
        List<Seen> events = new ArrayList<>();
        CaptureMetadata metadata;
        try (CaptureReader reader = CaptureReader.open(file, TABLE, warnings::add)) {
            for (EventView event = reader.next(); event != null; event = reader.next()) {
                for (int i = 0; i < event.paramCount(); i++) {
                    event.paramLength(i); // every parameter must be addressable
                }
                events.add(new Seen(event.number(), event.type(), event.timestampNanos(), event.tid(), event.cpu()));
            }
            assertEquals(0, reader.skippedBlocks(), "skipped blocks: " + warnings);
            assertEquals(events.size(), reader.eventCount());
            metadata = reader.metadata();
        }
        assertTrue(warnings.isEmpty(), warnings.toString());
        assertNotNull(metadata.machine(), "machine info");
        assertFalse(metadata.processes().isEmpty(), "process list");
        assertFalse(metadata.fds().isEmpty(), "fd lists");

        List<OracleRow> rows = oracle(oracle);
        List<Seen> shown = events.stream().filter(e -> isShownBySysdig(e.type())).toList();
        assertEquals(rows.size(), shown.size(), "events sysdig prints");
        for (OracleRow row : rows) {
            Seen event = events.get((int) row.number() - 1);
            EventInfo info = TABLE.info(event.type());
            String where = capture + " evt.num " + row.number();
            assertEquals(row.number(), event.number(), where);
            assertEquals(row.timestamp(), event.timestamp(), where + " ts");
            assertEquals(row.direction(), info.direction() == dev.peregrine.plugin.syscall.event.EventDirection.ENTER
                    ? ">" : "<", where + " direction");
            if (!info.name().equals("syscall")) { // generic events print the syscall name of their ID parameter
                assertEquals(row.type(), info.name(), where + " type");
            }
            assertEquals(row.pid(), Long.toString(event.tid()), where + " tid (single-threaded processes)");
        }
        if (!rows.isEmpty()) {
            assertEquals(rows.getFirst().number(), shown.getFirst().number(), "first event shown");
            assertEquals(rows.getLast().number(), shown.getLast().number(), "last event shown");
        }
    }

    private static boolean isShownBySysdig(int type) {
        return type != PROCINFO && !TABLE.info(type).enumName().startsWith("PPME_CONTAINER");
    }

    private static List<OracleRow> oracle(Path tsv) throws IOException {
        List<OracleRow> rows = new ArrayList<>();
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            rows.add(new OracleRow(Long.parseLong(cells[0]), Long.parseLong(cells[1]), cells[2], cells[3], cells[5]));
        }
        return rows;
    }
}
