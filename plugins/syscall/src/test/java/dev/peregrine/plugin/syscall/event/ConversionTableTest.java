package dev.peregrine.plugin.syscall.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peregrine.plugin.syscall.SharedSpecs;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The bundled conversion table agrees with {@code conversion_table} of the shared event-table.json. */
class ConversionTableTest {

    @Test
    void everySpecRuleIsBundledWithTheSameActionAndInstructions() throws IOException {
        JsonNode spec = new ObjectMapper().readTree(SharedSpecs.require("spec/event-table.json").toFile());
        ConversionTable table = ConversionTable.standard();
        JsonNode rules = spec.get("conversion_table");
        assertEquals(rules.size(), table.size());
        for (JsonNode rule : rules) {
            ConversionTable.Rule bundled = table.rule(rule.get("event_id").asInt(), rule.get("nparams").asInt());
            String where = rule.get("event").asText() + "/" + rule.get("nparams").asInt();
            assertNotNull(bundled, where);
            assertEquals(rule.get("action").asText(), "C_ACTION_" + bundled.action().name(), where);
            assertEquals(rule.has("desired_type_id") ? rule.get("desired_type_id").asInt() : -1, bundled.desiredType(), where);
            assertEquals(rule.get("instrs").size(), bundled.instructions().size(), where);
            for (int i = 0; i < bundled.instructions().size(); i++) {
                JsonNode instr = rule.get("instrs").get(i);
                ConversionTable.Instruction mine = bundled.instructions().get(i);
                assertEquals(instr.get("code").asText(), "C_INSTR_FROM_" + mine.source().name(), where);
                assertEquals(instr.path("param_num").asInt(0), mine.param(), where);
                assertEquals(instr.path("flags").asText("").equals("CIF_FALLBACK_TO_EMPTY"), mine.fallbackToEmpty(), where);
            }
        }
    }

    @Test
    void everyRuleTargetsAManagedTypeAndFitsTheDestination() {
        EventTable events = EventTable.standard();
        for (EventInfo info : events.events()) {
            for (int n = 0; n <= info.params().size(); n++) {
                ConversionTable.Rule rule = ConversionTable.standard().rule(info.code(), n);
                if (rule == null) {
                    continue;
                }
                assertTrue((info.flags() & EventConverter.EF_CONVERTER_MANAGED) != 0, info.enumName());
                int produced = switch (rule.action()) {
                    case ADD_PARAMS -> n + rule.instructions().size();
                    case CHANGE_TYPE -> rule.instructions().size();
                    default -> 0;
                };
                int target = rule.action() == ConversionTable.Action.CHANGE_TYPE ? rule.desiredType() : info.code();
                assertTrue(produced <= events.info(target).params().size(), info.enumName() + "/" + n);
            }
        }
    }
}
