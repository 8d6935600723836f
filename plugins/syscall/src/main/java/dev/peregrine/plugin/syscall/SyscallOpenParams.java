package dev.peregrine.plugin.syscall;

import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.syscall.live.InterestingSyscalls;
import dev.peregrine.plugin.syscall.state.MiniJson;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the platform asks the syscall source to open. The open parameter is either a bare capture file
 * path (replay, the form of {@code engine.replay.capture_file} and of older configurations) or a JSON
 * object naming the engine and its settings, which the platform builds from {@code engine.*}:
 *
 * <pre>
 * {"engine": "modern_ebpf" | "kmod" | "replay",
 *  "capture_file": "trace.scap",        replay only
 *  "write_file": "out.scap",            optional: record what is read as a .scap file (-w)
 *  "buffers": 2,                        live: ring buffers / workers, 0 = one per online CPU
 *  "buf_size_preset": 4,                live: Falco's preset index (4 = 8 MiB)
 *  "drop_failed_exit": false,           live: drop exit events of failed syscalls in the kernel
 *  "device_dir": "/dev", "device_name": "falco"}   kmod only
 * </pre>
 *
 * @param engine         which driver feeds the source
 * @param captureFile    replay input, empty for live engines
 * @param writeFile      capture file to write, empty for none
 * @param buffers        ring buffers (and workers) for live engines; 0 means one per online CPU
 * @param bufSizePreset  Falco's {@code buf_size_preset} (1..10, size = 1 MiB << (preset - 1))
 * @param dropFailedExit whether the kernel drops exit events of failed syscalls
 * @param deviceDir      where the kernel module's devices live
 * @param deviceName     the kernel module's device name prefix
 * @param syscalls       which syscalls live drivers capture ({@code rule_event_codes}: the event codes the
 *                       enabled rules can match, absent = every code; {@code base_syscalls}: {@code
 *                       custom_set}, {@code repair}, {@code all}); without either key, every syscall
 */
public record SyscallOpenParams(Engine engine, String captureFile, String writeFile, int buffers,
                                int bufSizePreset, boolean dropFailedExit, String deviceDir, String deviceName,
                                InterestingSyscalls.Request syscalls) {

    /** The drivers of the syscall source. */
    public enum Engine {
        /** Capture file replay. */
        REPLAY("replay"),
        /** Our CO-RE eBPF probe. */
        MODERN_EBPF("modern_ebpf"),
        /** The Falco kernel module's per-CPU devices. */
        KMOD("kmod");

        private final String configName;

        Engine(String configName) {
            this.configName = configName;
        }

        /** The name used in {@code engine.kind}. */
        public String configName() {
            return configName;
        }
    }

    private static final Set<String> KEYS = Set.of("engine", "capture_file", "write_file", "buffers",
            "buf_size_preset", "drop_failed_exit", "device_dir", "device_name", "rule_event_codes", "base_syscalls");

    /** Falco's default preset: 8 MiB per buffer. */
    public static final int DEFAULT_BUF_SIZE_PRESET = 4;

    /** Parameters for replaying {@code file}. */
    public static SyscallOpenParams replay(String file) {
        return new SyscallOpenParams(Engine.REPLAY, file, "", 0, DEFAULT_BUF_SIZE_PRESET, false, "/dev", "falco",
                InterestingSyscalls.Request.EVERYTHING);
    }

    /** Parses the open parameter; a bare path means replay of that file. */
    public static SyscallOpenParams parse(String openParams) throws PluginException {
        String text = openParams.strip();
        if (!text.startsWith("{")) {
            return replay(openParams);
        }
        Object parsed;
        try {
            parsed = new MiniJson(text).value();
        } catch (IllegalArgumentException e) {
            throw new PluginException("syscall open parameters are not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new PluginException("syscall open parameters must be a JSON object");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new PluginException("syscall open parameters: unknown key '" + key + "' (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String engineName = text(map, "engine", "replay");
        Engine engine = null;
        for (Engine e : Engine.values()) {
            if (e.configName.equals(engineName)) {
                engine = e;
            }
        }
        if (engine == null) {
            throw new PluginException("syscall open parameters: engine '" + engineName
                    + "' is not one of replay, modern_ebpf, kmod");
        }
        String capture = text(map, "capture_file", "");
        if (engine == Engine.REPLAY && capture.isEmpty()) {
            throw new PluginException("syscall open parameters: replay needs a capture_file");
        }
        int preset = number(map, "buf_size_preset", DEFAULT_BUF_SIZE_PRESET);
        if (preset < 1 || preset > 10) {
            throw new PluginException("syscall open parameters: buf_size_preset " + preset
                    + " is outside 1..10");
        }
        int buffers = number(map, "buffers", 0);
        if (buffers < 0 || buffers > 1024) {
            throw new PluginException("syscall open parameters: buffers " + buffers + " is outside 0..1024");
        }
        Object drop = map.get("drop_failed_exit");
        if (drop != null && !(drop instanceof Boolean)) {
            throw new PluginException("syscall open parameters: drop_failed_exit must be true or false");
        }
        return new SyscallOpenParams(engine, capture, text(map, "write_file", ""), buffers, preset,
                Boolean.TRUE.equals(drop), text(map, "device_dir", "/dev"), text(map, "device_name", "falco"),
                syscalls(map));
    }

    private static InterestingSyscalls.Request syscalls(Map<?, ?> map) throws PluginException {
        Object codes = map.get("rule_event_codes");
        Object base = map.get("base_syscalls");
        if (codes == null && base == null) {
            return InterestingSyscalls.Request.EVERYTHING;
        }
        java.util.BitSet ruleCodes = null;
        if (codes != null) {
            if (!(codes instanceof List<?> list)) {
                throw new PluginException("syscall open parameters: rule_event_codes must be a list of numbers");
            }
            ruleCodes = new java.util.BitSet();
            for (Object code : list) {
                if (!(code instanceof Number n) || n.intValue() < 0 || n.intValue() > 0xFFFF) {
                    throw new PluginException("syscall open parameters: rule_event_codes holds " + code
                            + ", not an event code");
                }
                ruleCodes.set(n.intValue());
            }
        }
        if (base != null && !(base instanceof Map<?, ?>)) {
            throw new PluginException("syscall open parameters: base_syscalls must be an object");
        }
        Map<?, ?> settings = base == null ? Map.of() : (Map<?, ?>) base;
        List<String> custom = new java.util.ArrayList<>();
        Object set = settings.get("custom_set");
        if (set != null) {
            if (!(set instanceof List<?> names)) {
                throw new PluginException("syscall open parameters: base_syscalls.custom_set must be a list of names");
            }
            names.forEach(n -> custom.add(String.valueOf(n)));
        }
        return new InterestingSyscalls.Request(ruleCodes, custom, Boolean.TRUE.equals(settings.get("repair")),
                Boolean.TRUE.equals(settings.get("all")));
    }

    /** Bytes per ring buffer for {@link #bufSizePreset}. */
    public long bufferBytes() {
        return 1L << (20 + bufSizePreset - 1);
    }

    private static String text(Map<?, ?> map, String key, String fallback) throws PluginException {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw new PluginException("syscall open parameters: " + key + " must be a string");
        }
        return s;
    }

    private static int number(Map<?, ?> map, String key, int fallback) throws PluginException {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new PluginException("syscall open parameters: " + key + " must be a whole number");
        }
        return n.intValue();
    }
}
