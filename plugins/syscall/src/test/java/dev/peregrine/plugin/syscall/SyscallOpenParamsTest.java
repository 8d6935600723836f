package dev.peregrine.plugin.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.PluginException;
import org.junit.jupiter.api.Test;

class SyscallOpenParamsTest {

    @Test
    void aBarePathMeansReplayOfThatFile() throws PluginException {
        SyscallOpenParams params = SyscallOpenParams.parse("/tmp/trace {1}.scap");
        assertEquals(SyscallOpenParams.Engine.REPLAY, params.engine());
        assertEquals("/tmp/trace {1}.scap", params.captureFile());
        assertEquals("", params.writeFile());
    }

    @Test
    void aJsonObjectNamesTheEngineAndItsSettings() throws PluginException {
        SyscallOpenParams params = SyscallOpenParams.parse("{\"engine\": \"modern_ebpf\", \"buffers\": 3, "
                + "\"buf_size_preset\": 2, \"drop_failed_exit\": true, \"write_file\": \"/tmp/out.scap\"}");
        assertEquals(SyscallOpenParams.Engine.MODERN_EBPF, params.engine());
        assertEquals(3, params.buffers());
        assertEquals(2L << 20, params.bufferBytes());
        assertTrue(params.dropFailedExit());
        assertEquals("/tmp/out.scap", params.writeFile());
        assertEquals("/dev", params.deviceDir());
        assertEquals("falco", params.deviceName());
    }

    @Test
    void unknownKeysAndEnginesAreRefusedWithTheirNames() {
        PluginException key = assertThrows(PluginException.class,
                () -> SyscallOpenParams.parse("{\"engine\": \"kmod\", \"bufers\": 2}"));
        assertTrue(key.getMessage().contains("unknown key 'bufers'"), key.getMessage());
        PluginException engine = assertThrows(PluginException.class,
                () -> SyscallOpenParams.parse("{\"engine\": \"ebpf\"}"));
        assertTrue(engine.getMessage().contains("engine 'ebpf'"), engine.getMessage());
    }

    @Test
    void outOfRangeSettingsAreRefused() {
        assertThrows(PluginException.class, () -> SyscallOpenParams.parse("{\"engine\": \"kmod\", \"buf_size_preset\": 11}"));
        assertThrows(PluginException.class, () -> SyscallOpenParams.parse("{\"engine\": \"kmod\", \"buffers\": -1}"));
        assertThrows(PluginException.class, () -> SyscallOpenParams.parse("{\"engine\": \"replay\"}"));
        assertThrows(PluginException.class, () -> SyscallOpenParams.parse("{\"engine\": \"kmod\", \"buffers\": 1.5}"));
    }
}
