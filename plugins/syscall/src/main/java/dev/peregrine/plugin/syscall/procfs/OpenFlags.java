package dev.peregrine.plugin.syscall.procfs;

/** Converts Linux x86_64/arm64 {@code O_*} open flags (as {@code fdinfo} prints them) to {@code PPM_O_*}. */
final class OpenFlags {

    private static final int ACCMODE = 03;
    private static final int[][] BITS = {
        {0100, 1 << 2},      // O_CREAT
        {0200, 1 << 5},      // O_EXCL
        {01000, 1 << 8},     // O_TRUNC
        {02000, 1 << 3},     // O_APPEND
        {04000, 1 << 6},     // O_NONBLOCK
        {010000, 1 << 4},    // O_DSYNC
        {040000, 1 << 9},    // O_DIRECT
        {0100000, 1 << 11},  // O_LARGEFILE
        {0200000, 1 << 10},  // O_DIRECTORY
        {02000000, 1 << 12}, // O_CLOEXEC
    };
    private static final int O_SYNC = 04010000;
    private static final int O_TMPFILE = 020200000;

    private OpenFlags() {
    }

    static int toPpm(long flags) {
        int out = switch ((int) flags & ACCMODE) {
            case 0 -> 1;     // PPM_O_RDONLY
            case 1 -> 2;     // PPM_O_WRONLY
            default -> 3;    // PPM_O_RDWR
        };
        for (int[] bit : BITS) {
            if ((flags & bit[0]) != 0) {
                out |= bit[1];
            }
        }
        if ((flags & O_SYNC) == O_SYNC) {
            out |= 1 << 7;
        }
        if ((flags & O_TMPFILE) == O_TMPFILE) {
            out |= 1 << 13;
        }
        return out;
    }
}
