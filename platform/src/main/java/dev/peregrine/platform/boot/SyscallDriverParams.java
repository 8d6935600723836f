package dev.peregrine.platform.boot;

import dev.peregrine.platform.config.PeregrineConfig;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The syscall plugin's open parameter for the configured engine: the bare capture file for a plain
 * replay (what older configurations and {@code open_params} use), otherwise a JSON object with the
 * engine and its settings, which the plugin documents and validates.
 */
final class SyscallDriverParams {

    private SyscallDriverParams() {
    }

    /** The open parameter for {@code engine}; empty for engines the syscall plugin does not drive. */
    static String of(PeregrineConfig.Engine engine) {
        String name = switch (engine.kind()) {
            case REPLAY -> "replay";
            case MODERN_EBPF -> "modern_ebpf";
            case KMOD -> "kmod";
            default -> "";
        };
        if (name.isEmpty()) {
            return "";
        }
        if (name.equals("replay") && engine.writeFile().isEmpty()) {
            return engine.replayCaptureFile();
        }
        StringBuilder json = new StringBuilder("{\"engine\": ").append(quote(name));
        if (name.equals("replay")) {
            json.append(", \"capture_file\": ").append(quote(engine.replayCaptureFile()));
        } else {
            json.append(", \"buffers\": ").append(engine.partitions())
                    .append(", \"buf_size_preset\": ").append(engine.bufSizePreset())
                    .append(", \"drop_failed_exit\": ").append(engine.dropFailedExit());
        }
        if (!engine.writeFile().isEmpty()) {
            json.append(", \"write_file\": ").append(quote(engine.writeFile()));
        }
        return json.append('}').toString();
    }

    /**
     * {@code params} with the syscall selection Falco's {@code configure_interesting_sets} works from: the
     * event codes the enabled syscall rules can match ({@code rule_event_codes}, absent when some rule
     * matches every event) and the {@code base_syscalls} settings. Only the live engines' JSON parameters
     * get it; a replay's parameters and user-written {@code open_params} come back unchanged.
     *
     * @param ruleCodes    union of the enabled syscall rules' event codes, null when one of them is
     *                     unrestricted
     * @param baseSyscalls the {@code base_syscalls} map of the configuration, or null
     */
    static String withSelection(String params, BitSet ruleCodes, Object baseSyscalls) {
        if (!params.startsWith("{\"engine\": \"modern_ebpf\"") && !params.startsWith("{\"engine\": \"kmod\"")) {
            return params;
        }
        StringBuilder json = new StringBuilder(params.substring(0, params.length() - 1));
        if (ruleCodes != null) {
            json.append(", \"rule_event_codes\": [");
            for (int code = ruleCodes.nextSetBit(0), n = 0; code >= 0; code = ruleCodes.nextSetBit(code + 1), n++) {
                json.append(n == 0 ? "" : ",").append(code);
            }
            json.append(']');
        }
        Map<?, ?> base = baseSyscalls instanceof Map<?, ?> m ? m : Map.of();
        json.append(", \"base_syscalls\": {\"custom_set\": [");
        List<?> custom = base.get("custom_set") instanceof List<?> l ? l : List.of();
        for (int i = 0; i < custom.size(); i++) {
            json.append(i == 0 ? "" : ", ").append(quote(String.valueOf(custom.get(i))));
        }
        json.append("], \"repair\": ").append(truthy(base.get("repair")))
                .append(", \"all\": ").append(truthy(base.get("all"))).append('}');
        return json.append('}').toString();
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b ? b : value != null && value.toString().strip().equalsIgnoreCase("true");
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
