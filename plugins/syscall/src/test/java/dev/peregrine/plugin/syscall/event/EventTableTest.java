package dev.peregrine.plugin.syscall.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bundled event table, without the shared specs. */
class EventTableTest {

    private final EventTable table = EventTable.standard();

    @Test
    void isLoadedOnceAndHas454DenseIds() {
        assertSame(table, EventTable.standard());
        assertEquals(454, table.size());
        for (int code = 0; code < table.size(); code++) {
            assertEquals(code, table.info(code).code());
            assertEquals(EventDirection.ofCode(code), table.info(code).direction());
        }
    }

    @Test
    void openExitCarriesItsSixParameters() {
        EventInfo open = table.info(3);
        assertEquals("PPME_SYSCALL_OPEN_X", open.enumName());
        assertEquals("open", open.name());
        assertEquals(EventDirection.EXIT, open.direction());
        assertTrue(open.isSyscall());
        assertEquals(List.of("fd", "name", "flags", "mode", "dev", "ino"),
                open.params().stream().map(ParamInfo::name).toList());
        assertEquals(new ParamInfo("flags", "PT_FLAGS32", "PF_HEX"), open.params().get(2));
    }

    @Test
    void pluginEventIsALargePayloadEnterWithAnUnusedExit() {
        EventInfo plugin = table.info(322);
        assertEquals("pluginevent", plugin.name());
        assertTrue(plugin.hasLargePayload());
        assertFalse(plugin.isSyscall());
        assertTrue(table.info(323).isUnused());
        assertEquals("NA", table.info(323).name());
    }

    @Test
    void genericEnterIsAnOldVersion() {
        assertTrue(table.info(0).isOldVersion());
        assertFalse(table.info(1).isOldVersion());
        assertEquals("syscall", table.info(1).name());
    }

    @Test
    void syscallCodesMapToLowerCaseNames() {
        assertEquals(454, table.syscallCodeCount());
        assertEquals("unknown", table.syscallName(0));
        assertEquals("open", table.syscallName(5));
        assertEquals("pread64", table.syscallName(294));
    }
}
