package dev.peregrine.plugin.syscall.kmod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The module's ioctl request numbers and tracepoint ids. */
class KmodIoctlTest {

    /** Linux's generic {@code _IOC(dir, type, nr, size)}: dir at bit 30, size at 16, type at 8, nr at 0. */
    private static int ioc(int dir, int type, int nr, int size) {
        return dir << 30 | size << 16 | type << 8 | nr;
    }

    @Test
    void requestsAreUnderscoreIoOfMagicSAndTheirNumber() {
        assertEquals(0x7300 | 24, KmodIoctl.GET_API_VERSION);
        assertEquals(ioc(0, 's', 25, 0), KmodIoctl.GET_SCHEMA_VERSION);
        assertEquals(0x7302, KmodIoctl.DISABLE_DROPPING_MODE);
        assertEquals(0x7303, KmodIoctl.ENABLE_DROPPING_MODE);
        assertEquals(0x7304, KmodIoctl.SET_SNAPLEN);
        assertEquals(0x731D, KmodIoctl.ENABLE_SYSCALL);
        assertEquals(0x731E, KmodIoctl.DISABLE_SYSCALL);
        assertEquals(0x731F, KmodIoctl.ENABLE_TP);
        assertEquals(0x7320, KmodIoctl.DISABLE_TP);
        assertEquals(0x7321, KmodIoctl.ENABLE_DROPFAILED);
        assertEquals(0x7322, KmodIoctl.DISABLE_DROPFAILED);
    }

    @Test
    void requestsHaveTheirUpstreamNamesInSentences() {
        assertEquals("PPM_IOCTL_GET_API_VERSION", KmodIoctl.name(KmodIoctl.GET_API_VERSION));
        assertEquals("PPM_IOCTL_ENABLE_TP", KmodIoctl.name(KmodIoctl.ENABLE_TP));
        assertEquals("ioctl 99", KmodIoctl.name(KmodIoctl.io(99)));
    }

    @Test
    void tracepointIdsFollowTheModulesProgramEnum() {
        assertEquals(0, KmodIoctl.Tracepoint.SYS_ENTER.ordinal());
        assertEquals(1, KmodIoctl.Tracepoint.SYS_EXIT.ordinal());
        assertEquals(2, KmodIoctl.Tracepoint.SCHED_PROCESS_EXIT.ordinal());
        assertEquals(3, KmodIoctl.Tracepoint.SCHED_SWITCH.ordinal());
        assertEquals(6, KmodIoctl.Tracepoint.SIGNAL_DELIVER.ordinal());
        assertEquals(7, KmodIoctl.Tracepoint.SCHED_PROCESS_FORK.ordinal());
        assertEquals(8, KmodIoctl.Tracepoint.SCHED_PROCESS_EXEC.ordinal());
        assertEquals(List.of(0, 1, 7, 8, 2, 3, 4, 5, 6),
                KmodIoctl.Tracepoint.SWITCH_ORDER.stream().map(Enum::ordinal).toList());
    }
}
