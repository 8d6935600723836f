package dev.peregrine.plugin.syscall.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.plugin.syscall.SyscallOpenParams;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterestingSyscallsTest {

    private static final int X86_64_READ = 0;
    private static final int X86_64_OPENAT = 257;
    private static final int X86_64_GETPID = 39;
    private static final int X86_64_CLONE = 56;
    private static final int X86_64_EXECVE = 59;
    private static final int X86_64_CLOSE = 3;

    private final EventTable table = EventTable.standard();
    private final SyscallEventTypeCatalog catalog = new SyscallEventTypeCatalog(table);

    private InterestingSyscalls.Selection select(List<String> eventTypes, List<String> custom, boolean repair,
                                                 boolean all) {
        BitSet codes = null;
        if (eventTypes != null) {
            codes = new BitSet();
            for (String type : eventTypes) {
                for (int code : catalog.codesOf(type)) {
                    codes.set(code);
                }
            }
        }
        return InterestingSyscalls.select(table, catalog, new InterestingSyscalls.Request(codes, custom, repair, all));
    }

    @Test
    void rulesSyscallsPlusTheStateSetWithoutHighVolumeIo() {
        var selection = select(List.of("openat", "read"), List.of(), false, false);
        assertTrue(selection.natives()[X86_64_OPENAT], "named by a rule");
        assertTrue(selection.natives()[X86_64_CLONE] && selection.natives()[X86_64_EXECVE]
                && selection.natives()[X86_64_CLOSE], "the state set keeps the process and fd tables");
        assertFalse(selection.natives()[X86_64_READ], "read is high-volume I/O: only -A keeps it");
        assertFalse(selection.natives()[X86_64_GETPID], "nobody asked for getpid");
        assertTrue(selection.warnings().stream().anyMatch(w -> w.endsWith("(unsupported-evttype): read")),
                selection.warnings().toString());
        assertTrue(selection.notes().get(0).startsWith("(2) syscalls in rules: "), selection.notes().toString());
    }

    @Test
    void allKeepsTheIoSyscallsTheRulesName() {
        var selection = select(List.of("read"), List.of(), false, true);
        assertTrue(selection.natives()[X86_64_READ]);
        assertFalse(selection.natives()[X86_64_GETPID]);
        assertTrue(selection.warnings().isEmpty(), selection.warnings().toString());
    }

    @Test
    void anUnrestrictedRuleNeedsEverySyscall() {
        var selection = select(null, List.of(), false, false);
        assertTrue(selection.natives()[X86_64_GETPID], "generic syscalls too");
        assertFalse(selection.natives()[X86_64_READ], "but I/O stays out without -A");
        assertTrue(select(null, List.of(), false, true).natives()[X86_64_READ]);
    }

    @Test
    void aCustomSetReplacesTheStateSetAndNegativesRemove() {
        var custom = select(List.of("openat"), List.of("getpid", "!close", "nosuchcall"), false, false);
        assertTrue(custom.natives()[X86_64_GETPID] && custom.natives()[X86_64_OPENAT]);
        assertFalse(custom.natives()[X86_64_CLONE], "the custom set replaces the state set");
        assertFalse(custom.natives()[X86_64_CLOSE]);
        assertEquals(List.of("Invalid (positive) syscall names: warning (base_syscalls override): nosuchcall"),
                custom.warnings());
        var repaired = select(List.of("openat"), List.of("getpid"), true, false);
        assertTrue(repaired.natives()[X86_64_CLONE] && repaired.natives()[X86_64_GETPID], "repair restores state");
    }

    @Test
    void openParamsWithoutASelectionCaptureEverything() throws Exception {
        var params = SyscallOpenParams.parse("{\"engine\": \"modern_ebpf\"}");
        var selection = InterestingSyscalls.select(table, catalog, params.syscalls());
        assertTrue(selection.natives()[X86_64_READ] && selection.natives()[X86_64_GETPID]);
        var chosen = SyscallOpenParams.parse("{\"engine\": \"modern_ebpf\", \"rule_event_codes\": [],"
                + " \"base_syscalls\": {\"custom_set\": [], \"repair\": false, \"all\": false}}");
        var stateOnly = InterestingSyscalls.select(table, catalog, chosen.syscalls());
        assertTrue(stateOnly.natives()[X86_64_EXECVE]);
        assertFalse(stateOnly.natives()[X86_64_GETPID]);
    }
}
