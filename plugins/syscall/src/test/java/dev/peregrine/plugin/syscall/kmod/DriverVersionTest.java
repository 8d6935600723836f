package dev.peregrine.plugin.syscall.kmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.PluginException;
import org.junit.jupiter.api.Test;

/** Version packing and libscap's compatibility rule. */
class DriverVersionTest {

    @Test
    void aPackedVersionSplitsIntoMajorMinorPatchBits() {
        long packed = (10L << 44) | (1L << 24) | 0;
        assertEquals(new DriverVersion(10, 1, 0), DriverVersion.unpack(packed));
        assertEquals(packed, DriverVersion.OUR_API.pack());
        DriverVersion wide = new DriverVersion((1 << 19) - 1, (1 << 20) - 1, (1 << 24) - 1);
        assertEquals(wide, DriverVersion.unpack(wide.pack()), "every field keeps its full width");
        assertEquals(0x7FFF_FFFF_FFFF_FFFFL, wide.pack(), "bit 63 stays clear");
        assertEquals(new DriverVersion(4, 5, 1), DriverVersion.unpack(0x0000_4000_0500_0001L));
        assertEquals("4.5.1", DriverVersion.OUR_SCHEMA.toString());
    }

    @Test
    void aDriverSatisfiesWithTheSameMajorAndAnEqualOrNewerMinorPatch() {
        DriverVersion required = new DriverVersion(4, 5, 1);
        assertTrue(new DriverVersion(4, 5, 1).satisfies(required));
        assertTrue(new DriverVersion(4, 5, 9).satisfies(required));
        assertTrue(new DriverVersion(4, 6, 0).satisfies(required));
        assertFalse(new DriverVersion(4, 5, 0).satisfies(required), "older patch of the same minor");
        assertFalse(new DriverVersion(4, 4, 7).satisfies(required), "older minor");
        assertFalse(new DriverVersion(5, 0, 0).satisfies(required), "newer major");
        assertFalse(new DriverVersion(3, 9, 9).satisfies(required), "older major");
    }

    @Test
    void anIncompatibleDriverGetsLibscapsSentenceNamingBothVersions() {
        assertNull(DriverVersion.incompatibility("API", new DriverVersion(10, 2, 0), DriverVersion.OUR_API));
        assertEquals("Driver supports API version 9.0.0, but running version needs 10.1.0",
                DriverVersion.incompatibility("API", new DriverVersion(9, 0, 0), DriverVersion.OUR_API));
        PluginException schema = assertThrows(PluginException.class,
                () -> KmodDevices.requireCompatible(DriverVersion.OUR_API, new DriverVersion(3, 0, 0)));
        assertEquals("Driver supports schema version 3.0.0, but running version needs 4.5.1", schema.getMessage());
        PluginException both = assertThrows(PluginException.class,
                () -> KmodDevices.requireCompatible(new DriverVersion(11, 0, 0), new DriverVersion(3, 0, 0)));
        assertTrue(both.getMessage().startsWith("Driver supports API version 11.0.0"), "the API is checked first");
    }
}
