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
    void liveEnginesGetTheRulesEventCodesAndTheBaseSyscallsSettings() {
        String live = SyscallDriverParams.of(new PeregrineConfig.Engine(EngineKind.MODERN_EBPF, "", "", 4, false, 0));
        java.util.BitSet codes = new java.util.BitSet();
        codes.set(3);
        codes.set(307);
        assertEquals("{\"engine\": \"modern_ebpf\", \"buffers\": 0, \"buf_size_preset\": 4, \"drop_failed_exit\": false,"
                        + " \"rule_event_codes\": [3,307], \"base_syscalls\": {\"custom_set\": [\"clone\", \"!read\"],"
                        + " \"repair\": true, \"all\": false}}",
                SyscallDriverParams.withSelection(live, codes,
                        java.util.Map.of("custom_set", java.util.List.of("clone", "!read"), "repair", "true")));
        assertEquals("{\"engine\": \"modern_ebpf\", \"buffers\": 0, \"buf_size_preset\": 4, \"drop_failed_exit\": false,"
                        + " \"base_syscalls\": {\"custom_set\": [], \"repair\": false, \"all\": true}}",
                SyscallDriverParams.withSelection(live, null, java.util.Map.of("all", true)),
                "an unrestricted rule leaves the codes out; -A arrives as all: true");
    }

    @Test
    void replayAndUserOpenParamsKeepTheirText() {
        assertEquals("/t/a.scap", SyscallDriverParams.withSelection("/t/a.scap", new java.util.BitSet(), null));
        String user = "{\"engine\":\"modern_ebpf\"}";
        assertEquals(user, SyscallDriverParams.withSelection(user, new java.util.BitSet(), null));
    }

    @Test
    void nodriverOpensNothing() {
        assertEquals("", SyscallDriverParams.of(new PeregrineConfig.Engine(EngineKind.NODRIVER, "")));
    }
}
