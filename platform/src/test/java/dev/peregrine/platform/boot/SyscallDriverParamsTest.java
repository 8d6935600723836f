package dev.peregrine.platform.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.platform.config.PeregrineConfig;
import dev.peregrine.platform.config.PeregrineConfig.EngineKind;
import org.junit.jupiter.api.Test;

class SyscallDriverParamsTest {

    @Test
    void plainReplayPassesTheBareCaptureFile() {
        assertEquals("/t/a.scap", SyscallDriverParams.of(new PeregrineConfig.Engine(EngineKind.REPLAY, "/t/a.scap")));
    }

    @Test
    void replayWithAWriteFileAndLiveEnginesPassJson() {
        assertEquals("{\"engine\": \"replay\", \"capture_file\": \"/t/\\\"a\\\".scap\", \"write_file\": \"o.scap\"}",
                SyscallDriverParams.of(new PeregrineConfig.Engine(EngineKind.REPLAY, "/t/\"a\".scap", "o.scap", 4, false, 0)));
        assertEquals("{\"engine\": \"modern_ebpf\", \"buffers\": 2, \"buf_size_preset\": 3, \"drop_failed_exit\": true}",
                SyscallDriverParams.of(new PeregrineConfig.Engine(EngineKind.MODERN_EBPF, "", "", 3, true, 2)));
    }

    @Test
    void nodriverOpensNothing() {
        assertEquals("", SyscallDriverParams.of(new PeregrineConfig.Engine(EngineKind.NODRIVER, "")));
    }
}
