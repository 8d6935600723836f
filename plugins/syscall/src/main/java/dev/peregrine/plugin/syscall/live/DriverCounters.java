package dev.peregrine.plugin.syscall.live;

/** Reads a live driver's cumulative counters (the probe's per-CPU drop counters, summed). */
public interface DriverCounters {

    /** Nothing is ever lost (test rings). */
    DriverCounters NONE = () -> 0;

    /** Events the driver lost before they reached a ring buffer, since it started. */
    long drops();

    /** Every counter under Falco's statistics names ({@code EventStream.driverCounters}); empty when unknown. */
    default java.util.Map<String, Long> byStatName() {
        return java.util.Map.of();
    }
}
