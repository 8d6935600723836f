package dev.peregrine.plugin.syscall.state;

import static dev.peregrine.plugin.syscall.state.SyntheticEvents.empty;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.i64;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.str;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.tuple4;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.u16;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
import dev.peregrine.plugin.syscall.capture.FdEntry;
import dev.peregrine.plugin.syscall.capture.FdKind;
import dev.peregrine.plugin.syscall.capture.ProcessEntry;
import dev.peregrine.plugin.syscall.capture.SectionHeader;
import dev.peregrine.plugin.syscall.capture.UserEntry;
import dev.peregrine.plugin.syscall.event.EventTable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state machine on synthetic events, one test (or more) per event family. */
class SyscallStateTest {

    private final SyntheticEvents events = new SyntheticEvents();
    private final SyscallState state = new SyscallState(EventTable.standard(), metadata());

    private static ProcessEntry process(long tid, long pid, long ptid, String comm, String cwd) {
        return new ProcessEntry(tid, pid, ptid, -1, -1, comm, comm, "/bin/" + comm, List.of("-x"), cwd, 1024, 0,
                1000, 1000, 0, 0, 0, 0, 0, List.of("HOME=/root"), tid, pid, List.of(), "/", 0, 0, 0xFFFF_FFFFL,
                false, 0, 0, 0, false, 0, 0, 0, false, false, pid);
    }

    private static CaptureMetadata metadata() {
        return new CaptureMetadata(new SectionHeader(1, 2, -1, 0), null,
                List.of(process(1, 1, 0, "init", "/"), process(100, 100, 1, "bash", "/home/u"),
                        process(101, 100, 1, "bash", "/ignored")),
                List.of(new FdEntry.Named(100, 0, 6, FdKind.FILE, 0, "/dev/null", 0),
                        new FdEntry.Named(100, 5, 7, FdKind.DIRECTORY, 0, "/etc", 0)),
                List.of(new UserEntry(1000, 1000, "u", "/home/u", "/bin/sh")), List.of(), List.of());
    }

    @Test
    void processListBuildsThreadsWithLineageAndSharedFdTable() {
        ThreadTable threads = state.threads();
        ThreadInfo bash = threads.get(100);
        assertEquals("bash", bash.comm());
        assertEquals("bash -x", bash.cmdline());
        assertEquals("init", threads.ancestor(bash, 1).comm());
        assertNull(threads.ancestor(bash, 3));
        ThreadInfo secondThread = threads.get(101);
        assertSame(threads.fds(bash), threads.fds(secondThread));
        assertEquals("/home/u/", threads.cwd(secondThread));
        assertEquals("/dev/null", threads.fds(bash).get(0).name());
        assertEquals("u", state.users().userName(1000));
        assertEquals("root", state.users().userName(0));
        assertEquals("<NA>", state.users().userName(4242));
    }

    @Test
    void callerSideCloneCreatesTheChildWithACopyOfTheParentsFds() {
        state.apply(events.clone(100, 10, 200, 100, 100, 1, "bash", 0));
        ThreadInfo child = state.threads().get(200);
        assertNotNull(child);
        assertEquals(200, child.pid());
        assertEquals(100, child.ptid());
        assertEquals("/dev/null", state.threads().fds(child).get(0).name());
        assertEquals("/home/u/", state.threads().cwd(child));
        assertEquals("bash", state.threads().ancestor(child, 1).comm());
    }

    @Test
    void childSideCloneIsTheEventsThreadAndIsNotReplacedByTheCallerSide() {
        state.apply(events.clone(300, 10, 0, 300, 300, 100, "sh", 0));
        assertEquals(300, state.thread().tid());
        assertEquals("sh", state.thread().comm());
        state.apply(events.clone(100, 11, 300, 100, 100, 1, "other", 0));
        assertEquals("sh", state.threads().get(300).comm());
    }

    @Test
    void execveReplacesNameAndArgumentsAndDropsCloseOnExecFds() {
        state.apply(events.event("PPME_SYSCALL_OPEN_X", 100, 5, i64(7), str("/tmp/x"), u32(1 | (1 << 12)), u32(0)));
        assertNotNull(state.threads().fds(state.threads().get(100)).get(7));
        state.apply(events.event("PPME_SYSCALL_EXECVE_19_X", 100, 6, i64(0), str("cat"), str("/dev/null"), i64(100),
                i64(100), i64(1), str("/"), i64(1024), i64(0), i64(0), u32(0), u32(0), u32(0), str("cat")));
        ThreadInfo t = state.threads().get(100);
        assertEquals("cat", t.comm());
        assertEquals("cat /dev/null", t.cmdline());
        assertNull(state.threads().fds(t).get(7));
        assertNotNull(state.threads().fds(t).get(0));
    }

    @Test
    void procexitRemovesTheThreadOnlyAfterTheEvent() {
        state.apply(events.clone(100, 10, 200, 100, 100, 1, "bash", 0));
        state.apply(events.event("PPME_PROCEXIT_1_E", 200, 11, i64(0)));
        assertEquals(200, state.thread().tid());
        assertNotNull(state.threads().get(200));
        state.apply(events.event("PPME_GENERIC_X", 100, 12, u16(0), u16(0)));
        assertNull(state.threads().get(200));
    }

    @Test
    void childrenOfAnExitedProcessGoToTheReaperItNamed() {
        state.apply(events.clone(100, 10, 200, 100, 100, 1, "bash", 0));
        state.apply(events.clone(200, 11, 300, 200, 200, 100, "sh", 0));
        assertEquals(200, state.threads().get(300).ptid());
        state.apply(events.event("PPME_PROCEXIT_1_E", 200, 12, i64(0), i64(0), new byte[] {0}, new byte[] {0}, i64(1)));
        state.apply(events.event("PPME_GENERIC_X", 100, 13, u16(0), u16(0)));
        assertNull(state.threads().get(200));
        assertEquals(1, state.threads().get(300).ptid());
        assertEquals("init", state.threads().ancestor(state.threads().get(300), 1).comm());
    }

    @Test
    void withoutAReaperOrphansGoToTheClosestLivingAncestor() {
        state.apply(events.clone(100, 10, 200, 100, 100, 1, "bash", 0));
        state.apply(events.clone(200, 11, 300, 200, 200, 100, "sh", 0));
        state.apply(events.event("PPME_PROCEXIT_1_E", 200, 12, i64(0)));
        state.apply(events.event("PPME_GENERIC_X", 100, 13, u16(0), u16(0)));
        assertEquals(100, state.threads().get(300).ptid());
    }

    @Test
    void unknownThreadBecomesAPlaceholderThatExecveCompletes() {
        state.apply(events.event("PPME_GENERIC_X", 555, 1, u16(0), u16(0)));
        ThreadInfo t = state.threads().get(555);
        assertTrue(t.isInvalid());
        assertEquals("<NA>", t.comm());
        state.apply(events.event("PPME_SYSCALL_EXECVE_19_X", 555, 6, i64(0), str("ls"), empty(), i64(555),
                i64(555), i64(100), str("/"), i64(1024), i64(0), i64(0), u32(0), u32(0), u32(0), str("ls")));
        assertEquals("ls", t.comm());
        assertEquals("bash", state.threads().ancestor(t, 1).comm());
    }

    @Test
    void openResolvesRelativePathsAgainstCwdAndOpenatAgainstTheDirfd() {
        state.apply(events.event("PPME_SYSCALL_OPEN_X", 100, 5, i64(3), str("../x/./y"), u32(1), u32(0)));
        assertEquals("/home/x/y", state.fd().name());
        assertEquals("../x/./y", state.fd().nameRaw());
        assertEquals(3, state.fdNumber());
        state.apply(events.event("PPME_SYSCALL_OPENAT_2_X", 100, 6, i64(4), i64(5), str("passwd"), u32(1), u32(0)));
        assertEquals("/etc/passwd", state.fd().name());
        state.apply(events.event("PPME_SYSCALL_OPENAT_2_X", 100, 7, i64(8), i64(-100), str("f"), u32(1 << 10), u32(0)));
        assertEquals(FdType.DIRECTORY, state.fd().type());
        assertEquals("/home/u/f", state.fd().name());
    }

    @Test
    void openTakesThePathFromItsTocTouEnterEventOnlyWhenTheyPair() {
        state.apply(events.event("PPME_SYSCALL_OPEN_E", 100, 4, str("/etc/shadow"), u32(1), u32(0)));
        state.apply(events.event("PPME_SYSCALL_OPEN_X", 100, 5, i64(3), str("/tmp/swapped"), u32(1), u32(0)));
        assertEquals("/etc/shadow", state.fd().name());
        // an enter without a path must not let the previous one be reused
        state.apply(events.event("PPME_SYSCALL_OPEN_E", 100, 6, empty(), empty(), empty()));
        state.apply(events.event("PPME_SYSCALL_OPEN_X", 100, 7, i64(4), str("/tmp/real"), u32(1), u32(0)));
        assertEquals("/tmp/real", state.fd().name());
        // an exit whose enter was lost works from the exit alone
        state.apply(events.event("PPME_SYSCALL_OPEN_X", 100, 8, i64(6), str("/tmp/alone"), u32(1), u32(0)));
        assertEquals("/tmp/alone", state.fd().name());
    }

    @Test
    void closeKeepsTheFdVisibleOnItsOwnEventAndRemovesItAfter() {
        state.apply(events.event("PPME_SYSCALL_CLOSE_X", 100, 5, i64(0), i64(0)));
        assertEquals("/dev/null", state.fd().name());
        state.apply(events.event("PPME_GENERIC_X", 100, 6, u16(0), u16(0)));
        assertNull(state.threads().fds(state.threads().get(100)).get(0));
    }

    @Test
    void dupCopiesTheEntryToTheNewNumber() {
        state.apply(events.event("PPME_SYSCALL_DUP2_X", 100, 5, i64(9), i64(0), i64(9)));
        assertEquals("/dev/null", state.threads().fds(state.threads().get(100)).get(9).name());
    }

    @Test
    void socketThenConnectNamesTheSocketWithLocalAndRemoteEnds() {
        state.apply(events.event("PPME_SOCKET_SOCKET_X", 100, 5, i64(4), u32(2), u32(1), u32(0), u32(0)));
        assertEquals(FdType.IPV4, state.fd().type());
        assertEquals(FdInfo.L4_TCP, state.fd().l4Protocol());
        state.apply(events.event("PPME_SOCKET_CONNECT_X", 100, 6, i64(-115),
                tuple4(new int[] {127, 0, 0, 1}, 47192, new int[] {127, 0, 0, 1}, 80), i64(4), empty()));
        assertEquals("127.0.0.1:47192->127.0.0.1:80", state.fd().name());
        assertEquals(FdInfo.Role.CLIENT, state.fd().role());
        assertTrue(state.fd().connected());
    }

    @Test
    void chdirMovesTheProcessCwdForAllItsThreads() {
        state.apply(events.event("PPME_SYSCALL_CHDIR_X", 101, 5, i64(0), str("../../tmp")));
        assertEquals("/tmp/", state.threads().cwd(state.threads().get(100)));
    }

    @Test
    void setuidChangesTheThreadUser() {
        state.apply(events.event("PPME_SYSCALL_SETUID_X", 100, 5, i64(0), u32(0)));
        assertEquals(0, state.threads().get(100).uid());
    }

    @Test
    void normalizeCollapsesDotsAndDoubleSlashesButNeverClimbsAboveRoot() {
        assertEquals("/a/c", PathResolver.normalize("/a/b/", "../c//"));
        assertEquals("/", PathResolver.normalize("/", "../../.."));
        assertEquals("/etc/x", PathResolver.normalize("/tmp/", "/etc/./x"));
        assertEquals(PathResolver.TOO_LONG, PathResolver.normalize("/" + "d".repeat(1020), "file"));
    }
}
