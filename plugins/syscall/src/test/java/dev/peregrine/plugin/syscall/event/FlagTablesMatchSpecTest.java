package dev.peregrine.plugin.syscall.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peregrine.plugin.syscall.SharedSpecs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flag tables and per-parameter table/dirfd links agree with shared/spec/event-table.json. */
class FlagTablesMatchSpecTest {

    @Test
    void everyFlagTableMatchesTheSpecInOrder() throws IOException {
        JsonNode spec = new ObjectMapper().readTree(SharedSpecs.require("spec/event-table.json").toFile());
        FlagTables tables = FlagTables.standard();
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.get("flag_tables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> table = it.next();
            List<FlagTables.Flag> expected = new ArrayList<>();
            for (JsonNode flag : table.getValue()) {
                expected.add(new FlagTables.Flag(flag.get("name").asText(), flag.get("value").asLong()));
            }
            assertEquals(expected, tables.table(table.getKey()), table.getKey());
        }
    }

    @Test
    void everyParameterNamesItsFlagTableAndDirfd() throws IOException {
        JsonNode spec = new ObjectMapper().readTree(SharedSpecs.require("spec/event-table.json").toFile());
        FlagTables tables = FlagTables.standard();
        for (JsonNode event : spec.get("events")) {
            int type = event.get("id").asInt();
            int i = 0;
            for (JsonNode param : event.get("params")) {
                String where = event.get("enum").asText() + " param " + i;
                if (param.has("flags_table")) {
                    assertEquals(tables.table(param.get("flags_table").asText()), tables.paramTable(type, i), where);
                } else {
                    assertNull(tables.paramTable(type, i), where);
                }
                assertEquals(param.has("dirfd_param") ? param.get("dirfd_param").asInt() : -1,
                        tables.dirfdParam(type, i), where);
                i++;
            }
        }
    }
}
