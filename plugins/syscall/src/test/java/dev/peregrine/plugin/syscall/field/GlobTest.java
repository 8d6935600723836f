package dev.peregrine.plugin.syscall.field;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The wildcard matcher that selects container mounts by path. */
class GlobTest {

    @Test
    void starCrossesSlashesAndQuestionMarkTakesOneCharacter() {
        assertTrue(Glob.matches("/var/run/*", "/var/run/docker/docker.sock"));
        assertTrue(Glob.matches("*docker.sock", "/host/var/run/docker.sock"));
        assertTrue(Glob.matches("/proc?", "/proc1"));
        assertFalse(Glob.matches("/proc?", "/proc"));
        assertFalse(Glob.matches("/etc", "/etc/passwd"));
    }

    @Test
    void bracketsMatchSetsRangesAndNegations() {
        assertTrue(Glob.matches("/dev/sd[a-c]", "/dev/sdb"));
        assertFalse(Glob.matches("/dev/sd[a-c]", "/dev/sdd"));
        assertTrue(Glob.matches("/dev/sd[!a-c]", "/dev/sdd"));
        assertTrue(Glob.matches("/a\\*b", "/a*b"));
        assertFalse(Glob.matches("/a\\*b", "/axb"));
    }
}
