package dev.peregrine.plugin.syscall.capture;

/**
 * The block type ids of .scap files (pcapng-like blocks; libscap's {@code scap_savefile.h}), with
 * the legacy {@code 0x8xxxABCD} aliases that older writers used.
 */
public final class BlockType {

    /** Section header; starts every section. */
    public static final int SECTION_HEADER = 0x0A0D0D0A;
    public static final int MACHINE_INFO = 0x201;
    public static final int MACHINE_INFO_LEGACY = 0x8002ABCD;
    public static final int PROCESS_LIST_V1 = 0x202;
    public static final int PROCESS_LIST_V1_LEGACY = 0x8000ABCD;
    public static final int PROCESS_LIST_V2 = 0x207;
    public static final int PROCESS_LIST_V2_LEGACY = 0x8013ABCD;
    public static final int PROCESS_LIST_V3 = 0x209;
    public static final int PROCESS_LIST_V3_LEGACY = 0x8014ABCD;
    public static final int PROCESS_LIST_V4 = 0x210;
    public static final int PROCESS_LIST_V5 = 0x211;
    public static final int PROCESS_LIST_V6 = 0x212;
    public static final int PROCESS_LIST_V7 = 0x213;
    public static final int PROCESS_LIST_V8 = 0x214;
    public static final int PROCESS_LIST_V9 = 0x215;
    public static final int FD_LIST = 0x203;
    public static final int FD_LIST_LEGACY = 0x8001ABCD;
    public static final int FD_LIST_V2 = 0x218;
    public static final int INTERFACE_LIST = 0x205;
    public static final int INTERFACE_LIST_LEGACY = 0x8011ABCD;
    public static final int INTERFACE_LIST_V2 = 0x219;
    public static final int USER_LIST = 0x206;
    public static final int USER_LIST_LEGACY = 0x8012ABCD;
    public static final int USER_LIST_V2 = 0x220;
    /** Event with the 22-byte legacy header. */
    public static final int EVENT = 0x204;
    public static final int EVENT_LEGACY = 0x8010ABCD;
    /** Event with driver flags and the 22-byte legacy header. */
    public static final int EVENT_WITH_FLAGS = 0x208;
    /** Event with the current 26-byte header. */
    public static final int EVENT_V2 = 0x216;
    public static final int EVENT_WITH_FLAGS_V2 = 0x217;
    /** Event whose type may use 32-bit parameter lengths, without the 64 KiB block limit. */
    public static final int EVENT_V2_LARGE = 0x221;
    public static final int EVENT_WITH_FLAGS_V2_LARGE = 0x222;

    private BlockType() {
    }

    /** Whether the block carries one event. */
    public static boolean isEvent(int type) {
        return switch (type) {
            case EVENT, EVENT_LEGACY, EVENT_WITH_FLAGS, EVENT_V2, EVENT_WITH_FLAGS_V2, EVENT_V2_LARGE,
                 EVENT_WITH_FLAGS_V2_LARGE -> true;
            default -> false;
        };
    }

    /** Whether an event block stores the 22-byte legacy event header. */
    static boolean hasLegacyEventHeader(int type) {
        return type == EVENT || type == EVENT_LEGACY || type == EVENT_WITH_FLAGS;
    }

    /** Whether an event block has a u32 driver-flags word after the cpu index. */
    static boolean hasEventFlags(int type) {
        return type == EVENT_WITH_FLAGS || type == EVENT_WITH_FLAGS_V2 || type == EVENT_WITH_FLAGS_V2_LARGE;
    }

    /** Whether an event block may exceed the 64 KiB limit of ordinary event blocks. */
    static boolean isLargeEvent(int type) {
        return type == EVENT_V2_LARGE || type == EVENT_WITH_FLAGS_V2_LARGE;
    }

    /** The process list layout version (1..9) of a block type, or 0 when it is no process list. */
    static int processListVersion(int type) {
        return switch (type) {
            case PROCESS_LIST_V1, PROCESS_LIST_V1_LEGACY -> 1;
            case PROCESS_LIST_V2, PROCESS_LIST_V2_LEGACY -> 2;
            case PROCESS_LIST_V3, PROCESS_LIST_V3_LEGACY -> 3;
            case PROCESS_LIST_V4 -> 4;
            case PROCESS_LIST_V5 -> 5;
            case PROCESS_LIST_V6 -> 6;
            case PROCESS_LIST_V7 -> 7;
            case PROCESS_LIST_V8 -> 8;
            case PROCESS_LIST_V9 -> 9;
            default -> 0;
        };
    }

    /** A short readable name for messages, e.g. {@code process list v6 block 0x212}. */
    public static String describe(int type) {
        String name = switch (type) {
            case SECTION_HEADER -> "section header";
            case MACHINE_INFO, MACHINE_INFO_LEGACY -> "machine info";
            case FD_LIST, FD_LIST_LEGACY -> "fd list";
            case FD_LIST_V2 -> "fd list v2";
            case INTERFACE_LIST, INTERFACE_LIST_LEGACY -> "interface list";
            case INTERFACE_LIST_V2 -> "interface list v2";
            case USER_LIST, USER_LIST_LEGACY -> "user list";
            case USER_LIST_V2 -> "user list v2";
            case EVENT, EVENT_LEGACY -> "event";
            case EVENT_WITH_FLAGS -> "event with flags";
            case EVENT_V2 -> "event v2";
            case EVENT_WITH_FLAGS_V2 -> "event with flags v2";
            case EVENT_V2_LARGE -> "large event v2";
            case EVENT_WITH_FLAGS_V2_LARGE -> "large event with flags v2";
            default -> {
                int version = processListVersion(type);
                yield version == 0 ? "unknown" : "process list v" + version;
            }
        };
        return name + " block 0x" + Integer.toHexString(type).toUpperCase(java.util.Locale.ROOT);
    }
}
