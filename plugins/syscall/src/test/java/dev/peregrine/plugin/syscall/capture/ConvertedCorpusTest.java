package dev.peregrine.plugin.syscall.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.plugin.syscall.SharedSpecs;
import dev.peregrine.plugin.syscall.event.ConversionException;
import dev.peregrine.plugin.syscall.event.EventConverter;
import dev.peregrine.plugin.syscall.event.EventDirection;
import dev.peregrine.plugin.syscall.event.EventInfo;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays every corpus capture through the converter: everything upgrades without error, every delivered
 * event is in the current layout, and every exit event sysdig 0.29 printed survives with its timestamp
 * and thread (enter events are folded into their exits).
 */
class ConvertedCorpusTest {

    private static final EventTable TABLE = EventTable.standard();

    @ParameterizedTest
    @ValueSource(strings = {"cat_write", "connect_localhost", "empty", "open-multiple-files", "ping_sendto", "syscall"})
    void everyCaptureUpgradesToTheCurrentLayout(String capture) throws IOException, ConversionException {
        Path file = SharedSpecs.require("compat/legacy/trace_files/" + capture + ".scap");
        Path oracle = SharedSpecs.require("compat/oracle/" + capture + ".tsv");
        EventConverter converter = new EventConverter();
        Map<Long, String> exits = new HashMap<>();
        long read = 0;
        long last = 0;
        try (CaptureReader reader = CaptureReader.open(file)) {
            for (EventView raw = reader.next(); raw != null; raw = reader.next()) {
                read++;
                EventView event = converter.convert(raw);
                if (event == null) {
                    continue;
                }
                EventInfo info = event.info();
                assertEquals(++last, event.number(), "dense numbering");
                assertFalse(info.isUnused(), info.enumName());
                if (info.direction() == EventDirection.EXIT && (info.flags() & EventConverter.EF_CONVERTER_MANAGED) != 0) {
                    assertFalse(info.isOldVersion(), "old layout delivered: " + info.enumName());
                    assertEquals(info.params().size(), event.paramCount(), "parameters of " + info.enumName());
                }
                assertEquals(null, event.validate(event.length()), info.enumName());
                if (info.direction() == EventDirection.EXIT) {
                    exits.put(event.timestampNanos(), event.tid() + " " + info.name());
                }
            }
        }
        assertEquals(read, converter.deliveredCount() + converter.droppedCount());
        for (String line : Files.readAllLines(oracle, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (!cells[3].equals("<")) {
                continue;
            }
            String seen = exits.get(Long.parseLong(cells[1]));
            assertTrue(seen != null && seen.startsWith(cells[5] + " "),
                    capture + " evt.num " + cells[0] + " " + cells[2] + " missing after conversion: " + seen);
        }
    }
}
