package dev.peregrine.platform.boot;

import dev.peregrine.platform.config.PeregrineConfig;

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
