package dev.peregrine.plugin.syscall.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The loader's offsets agree with the probe's header, the source of truth of the contract. */
class ProbeAbiTest {

    private static final Path HEADER = Path.of("src/main/bpf/peregrine_probe.h");
    private static final Pattern FIELD = Pattern.compile("^\\s*unsigned\\s+(long long|int|char)\\s+(\\w+)\\s*;");

    /** Field name → {offset, size} of {@code struct name}, naturally aligned as the compiler lays it out. */
    private static Map<String, int[]> layout(String name) throws IOException {
        List<String> lines = Files.readAllLines(HEADER);
        Map<String, int[]> fields = new LinkedHashMap<>();
        boolean inside = false;
        int offset = 0;
        for (String line : lines) {
            if (line.startsWith("struct " + name + " {")) {
                inside = true;
                continue;
            }
            if (inside && line.startsWith("};")) {
                break;
            }
            Matcher m = FIELD.matcher(line);
            if (inside && m.find()) {
                int size = switch (m.group(1)) {
                    case "long long" -> 8;
                    case "int" -> 4;
                    default -> 1;
                };
                offset = (offset + size - 1) / size * size;
                fields.put(m.group(2), new int[] {offset, size});
                offset += size;
            }
        }
        assertTrue(!fields.isEmpty(), "struct " + name + " not found in " + HEADER.toAbsolutePath());
        return fields;
    }

    @Test
    void settingsOffsetsMatchTheHeader() throws IOException {
        Map<String, int[]> settings = layout("probe_settings");
        assertEquals(ProbeAbi.SETTINGS_BOOT_TIME, settings.get("boot_time")[0]);
        assertEquals(ProbeAbi.SETTINGS_PARTITIONS, settings.get("partitions")[0]);
        assertEquals(ProbeAbi.SETTINGS_OWN_TGID, settings.get("own_tgid")[0]);
        assertEquals(ProbeAbi.SETTINGS_SNAPLEN, settings.get("snaplen")[0]);
        assertEquals(ProbeAbi.SETTINGS_DROP_FAILED_EXIT, settings.get("drop_failed_exit")[0]);
        int[] last = new ArrayList<>(settings.values()).getLast();
        assertTrue(last[0] + last[1] <= ProbeAbi.SETTINGS_MIN_SIZE, "the loader writes every field");
    }

    @Test
    void dropCounterIndicesMatchTheHeader() throws IOException {
        List<String> counters = new ArrayList<>(layout("drop_counters").keySet());
        assertEquals(ProbeAbi.COUNTER_FIELDS, counters.size());
        assertEquals(ProbeAbi.COUNTER_EVENTS, counters.indexOf("n_evts"));
        assertEquals(ProbeAbi.COUNTER_DROPS_BUFFER, counters.indexOf("n_drops_buffer"));
        assertEquals(ProbeAbi.COUNTER_DROPS_SCRATCH, counters.indexOf("n_drops_scratch_map"));
        assertEquals(ProbeAbi.COUNTER_DROPS_BUG, counters.indexOf("n_drops_bug"));
        assertEquals(ProbeAbi.COUNTER_DROPS_MAX_EVENT_SIZE, counters.indexOf("n_drops_max_event_size"));
    }

    @Test
    void dropTotalsAddBufferScratchBugAndOversizeButNotTheCategoryBreakdown() {
        long[] fields = new long[ProbeAbi.COUNTER_FIELDS];
        fields[ProbeAbi.COUNTER_EVENTS] = 1000;
        fields[ProbeAbi.COUNTER_DROPS_BUFFER] = 10;
        fields[2] = 4; // clone/fork exit: part of the 10
        fields[ProbeAbi.COUNTER_DROPS_SCRATCH] = 1;
        fields[ProbeAbi.COUNTER_DROPS_BUG] = 2;
        fields[ProbeAbi.COUNTER_DROPS_MAX_EVENT_SIZE] = 3;
        DropCounters counters = DropCounters.of(fields);
        assertEquals(1000, counters.events());
        assertEquals(16, counters.total());
    }
}
