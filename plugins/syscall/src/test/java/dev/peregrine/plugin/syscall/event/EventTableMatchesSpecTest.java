package dev.peregrine.plugin.syscall.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peregrine.plugin.syscall.SharedSpecs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checked-in resources agree with shared/spec/event-table.json (regenerate when this fails). */
class EventTableMatchesSpecTest {

    @Test
    void everyEventRowMatchesTheSpec() throws IOException {
        JsonNode spec = new ObjectMapper().readTree(SharedSpecs.require("spec/event-table.json").toFile());
        EventTable table = EventTable.standard();
        assertEquals(spec.get("event_count").asInt(), table.size());
        for (JsonNode event : spec.get("events")) {
            EventInfo info = table.info(event.get("id").asInt());
            String where = "event " + info.code();
            assertEquals(event.get("enum").asText(), info.enumName(), where);
            assertEquals(event.get("name").asText(), info.name(), where);
            assertEquals(event.get("direction").asText(), info.direction().name().toLowerCase(), where);
            assertEquals(event.get("category").asInt(), info.category(), where);
            assertEquals(event.get("flags").asInt(), info.flags(), where);
            assertEquals(event.get("unused").asBoolean(), info.isUnused(), where);
            List<ParamInfo> params = new ArrayList<>();
            for (JsonNode param : event.get("params")) {
                params.add(new ParamInfo(param.get("name").asText(), param.get("type").asText(),
                        param.get("format").asText()));
            }
            assertEquals(params, info.params(), where);
        }
    }

    @Test
    void syscallCodesMatchTheSpec() throws IOException {
        JsonNode spec = new ObjectMapper().readTree(SharedSpecs.require("spec/event-table.json").toFile());
        EventTable table = EventTable.standard();
        assertEquals(spec.get("syscall_codes").size(), table.syscallCodeCount());
        for (JsonNode code : spec.get("syscall_codes")) {
            assertEquals(code.get("name").asText(), table.syscallName(code.get("id").asInt()));
        }
    }

    @Test
    void enterAndExitCodeCountsOfEventTypeNamesMatchTheSpec() throws IOException {
        JsonNode spec = new ObjectMapper().readTree(SharedSpecs.require("spec/event-table.json").toFile());
        SyscallEventTypeCatalog catalog = SyscallEventTypeCatalog.standard();
        for (String name : List.of("open", "execve", "clone", "connect", "procexit", "switch")) {
            int expected = 0;
            for (JsonNode event : spec.get("events")) {
                if (event.get("id").asInt() > 1 && event.get("name").asText().equals(name)) {
                    expected++;
                }
            }
            assertEquals(expected, catalog.codesOf(name).length, name);
        }
    }
}
