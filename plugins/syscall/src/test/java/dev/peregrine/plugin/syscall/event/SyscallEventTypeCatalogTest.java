package dev.peregrine.plugin.syscall.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** evt.type names and codes with libsinsp's semantics. */
class SyscallEventTypeCatalogTest {

    private final SyscallEventTypeCatalog catalog = SyscallEventTypeCatalog.standard();

    @Test
    void codeCountIsTheEventTableSize() {
        assertEquals(454, catalog.codeCount());
    }

    @Test
    void eventNamesMatchTheirEnterAndExitCodes() {
        assertArrayEquals(new int[] {2, 3}, catalog.codesOf("open"));
        int[] execve = catalog.codesOf("execve");
        assertEquals(16, execve.length);
        assertTrue(Arrays.stream(execve).anyMatch(code -> code == 293));
    }

    @Test
    void syscallsWithoutTheirOwnEventMatchTheGenericPair() {
        assertTrue(catalog.names().contains("pread64"));
        assertArrayEquals(new int[] {0, 1}, catalog.codesOf("pread64"));
        assertArrayEquals(new int[] {0, 1}, catalog.codesOf("mseal"));
    }

    @Test
    void aNameWithItsOwnEventDoesNotAlsoMatchGenericEvents() {
        assertTrue(Arrays.stream(catalog.codesOf("openat")).noneMatch(code -> code < 2));
    }

    @Test
    void syscallIsKnownButMatchesNoCodeBecauseGenericIdsAreSkipped() {
        assertTrue(catalog.names().contains("syscall"));
        assertEquals(0, catalog.codesOf("syscall").length);
    }

    @Test
    void unknownNamesAreNotKnownAndHaveNoCodes() {
        assertFalse(catalog.names().contains("not_a_syscall"));
        assertEquals(0, catalog.codesOf("not_a_syscall").length);
        assertFalse(catalog.names().contains("OPEN"));
    }

    @Test
    void placeholderNameIsKnownLikeInLibsinsp() {
        assertTrue(catalog.names().contains("NA"));
        assertEquals(35, catalog.codesOf("NA").length);
    }

    @Test
    void nameOfReportsTheTableName() {
        assertEquals("open", catalog.nameOf(3));
        assertEquals("syscall", catalog.nameOf(1));
        assertEquals("pluginevent", catalog.nameOf(322));
    }

    @Test
    void rulesSeeExitEventsAndEnterOnlyEventsButNotSyscallEnters() {
        assertTrue(catalog.isEvaluated(3));
        assertFalse(catalog.isEvaluated(2));
        assertTrue(catalog.isEvaluated(293));
        assertFalse(catalog.isEvaluated(292));
        assertTrue(catalog.isEvaluated(186), "procexit has no exit event");
        assertFalse(catalog.isEvaluated(187), "unused placeholder");
        assertTrue(catalog.isEvaluated(402), "async events reach rules");
        assertFalse(catalog.isEvaluated(-1));
        assertFalse(catalog.isEvaluated(454));
    }

    @Test
    void returnedCodeArraysAreCopies() {
        catalog.codesOf("open")[0] = 99;
        assertArrayEquals(new int[] {2, 3}, catalog.codesOf("open"));
    }
}
