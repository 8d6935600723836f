package dev.peregrine.plugin.syscall.bpf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The probe object built into the jar (when clang was present at build time) has the programs,
 * maps and sections the Java loader relies on. Runs without root: it only reads the ELF file.
 */
class ProbeObjectFileTest {

    private static final String RESOURCE = "dev/peregrine/plugin/syscall/bpf/peregrine_probe.bpf.o";

    private static ElfObject probe() throws IOException {
        try (InputStream in = ProbeObjectFileTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assumeTrue(in != null, "the plugin was built without its eBPF probe (no /usr/bin/clang at build time); "
                    + "skipping the probe object checks");
            return new ElfObject(in.readAllBytes());
        }
    }

    @Test
    void theObjectIsABpfElfWithBtfForCoreRelocations() throws IOException {
        ElfObject elf = probe();
        assertEquals(ElfObject.EM_BPF, elf.machine());
        assertTrue(elf.sections().containsKey(".BTF"), "no .BTF section: the probe must be built with -g");
        assertTrue(elf.sections().containsKey(".BTF.ext"), "no .BTF.ext section: CO-RE relocations are missing");
    }

    @Test
    void everyContractProgramHasAnAutoAttachableSection() throws IOException {
        ElfObject elf = probe();
        for (String section : List.of("tp_btf/sys_enter", "tp_btf/sys_exit", "tp_btf/sched_process_exec",
                "tp_btf/sched_process_exit", "tracepoint/syscalls/sys_enter_open",
                "tracepoint/syscalls/sys_enter_openat", "tracepoint/syscalls/sys_enter_openat2",
                "tracepoint/syscalls/sys_enter_creat", "tracepoint/syscalls/sys_enter_connect",
                "tracepoint/syscalls/sys_enter_execve", "tracepoint/syscalls/sys_enter_execveat")) {
            assertTrue(elf.sections().containsKey(section), "missing program section " + section);
            assertTrue(elf.sections().get(section).size() > 0, "empty program section " + section);
        }
    }

    @Test
    void everyContractMapIsDefined() throws IOException {
        List<String> maps = probe().symbolsIn(".maps");
        for (String map : List.of("ringbuf_maps", "probe_settings", "interesting_syscalls", "drop_counters",
                "scratch_maps")) {
            assertTrue(maps.contains(map), "map " + map + " missing from .maps: " + maps);
        }
    }

    @Test
    void theLicenseIsGplSoTheKernelAllowsGplOnlyHelpers() throws IOException {
        ElfObject elf = probe();
        assertTrue(elf.sections().containsKey("license"));
        assertArrayEquals("GPL\0".getBytes(StandardCharsets.US_ASCII), elf.contents(elf.sections().get("license")));
    }
}
