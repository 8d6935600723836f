package dev.peregrine.platform.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel page size, read from {@code /proc/self/smaps} (Linux); 4096 when it cannot be read. */
final class PageSize {

    private PageSize() {
    }

    static long bytes() {
        try (var lines = Files.lines(Path.of("/proc/self/smaps"))) {
            return lines.filter(l -> l.startsWith("KernelPageSize:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).orElse(4096L);
        } catch (IOException | RuntimeException e) {
            return 4096;
        }
    }
}
