package dev.peregrine.plugin.syscall.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code stat(2)} says about the file an fd link points to: the file type decides how libscap
 * lists the fd.
 */
record FdStat(int type, long inode, long device) {

    static final int OTHER = 0;
    static final int FILE = 1;
    static final int DIRECTORY = 2;
    static final int FIFO = 3;
    static final int SOCKET = 4;

    private static final int S_IFMT = 0xF000;

    /** The stat of what {@code link} points to, or null when it cannot be taken (a fake tree, a race). */
    static FdStat of(Path link) {
        try {
            Map<String, Object> a = Files.readAttributes(link, "unix:mode,ino,dev");
            return new FdStat(type((Integer) a.get("mode")), (Long) a.get("ino"), (Long) a.get("dev"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private static int type(int mode) {
        return switch (mode & S_IFMT) {
            case 0x8000, 0x6000, 0x2000, 0xA000 -> FILE; // regular, block, character, symlink
            case 0x4000 -> DIRECTORY;
            case 0x1000 -> FIFO;
            case 0xC000 -> SOCKET;
            default -> OTHER; // anonymous inodes have no file type
        };
    }

    /** The type a link text stands for when the target cannot be stat'ed. */
    static int guess(String target) {
        if (target.startsWith("socket:[")) {
            return SOCKET;
        }
        if (target.startsWith("pipe:[")) {
            return FIFO;
        }
        return target.startsWith("/") ? FILE : OTHER;
    }
}
