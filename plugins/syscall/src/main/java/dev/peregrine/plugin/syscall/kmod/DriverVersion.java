package dev.peregrine.plugin.syscall.kmod;

/**
 * A driver API or schema version as the kernel module reports it: one u64 packing
 * {@code major (19 bits) << 44 | minor (20 bits) << 24 | patch (24 bits)}.
 */
public record DriverVersion(long major, long minor, long patch) {

    /** The driver API our consumer speaks (the bundled event table's {@code api_version}). */
    public static final DriverVersion OUR_API = new DriverVersion(10, 1, 0);
    /** The event schema our decoder reads (the bundled event table's {@code schema_version}). */
    public static final DriverVersion OUR_SCHEMA = new DriverVersion(4, 5, 1);

    private static final long MAJOR_MASK = (1L << 19) - 1;
    private static final long MINOR_MASK = (1L << 20) - 1;
    private static final long PATCH_MASK = (1L << 24) - 1;

    /** Splits a packed version. */
    public static DriverVersion unpack(long packed) {
        return new DriverVersion((packed >>> 44) & MAJOR_MASK, (packed >>> 24) & MINOR_MASK, packed & PATCH_MASK);
    }

    /** The packed u64 form. */
    public long pack() {
        return (major & MAJOR_MASK) << 44 | (minor & MINOR_MASK) << 24 | (patch & PATCH_MASK);
    }

    /**
     * libscap's rule for both the API and the schema: the driver's major must equal the required one and
     * its minor.patch must be at least the required one (a newer minor only adds).
     */
    public boolean satisfies(DriverVersion required) {
        if (major != required.major) {
            return false;
        }
        return minor > required.minor || minor == required.minor && patch >= required.patch;
    }

    /**
     * The sentence libscap gives when {@code driver} does not satisfy {@code required}, or null when it does.
     *
     * @param label "API" or "schema"
     */
    public static String incompatibility(String label, DriverVersion driver, DriverVersion required) {
        if (driver.satisfies(required)) {
            return null;
        }
        return "Driver supports " + label + " version " + driver + ", but running version needs " + required;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
