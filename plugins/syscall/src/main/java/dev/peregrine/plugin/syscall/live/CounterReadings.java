package dev.peregrine.plugin.syscall.live;

import java.util.Map;

/**
 * The last values read from a live driver's counters: a failed read keeps them (detection must not stop
 * because a counter map could not be read), and after {@link #freeze()} (the stream closed, the maps
 * are gone) they stay what they were at that moment.
 */
final class CounterReadings {

    private final DriverCounters counters;
    private long drops;
    private Map<String, Long> byStatName = Map.of();
    private boolean frozen;

    CounterReadings(DriverCounters counters) {
        this.counters = counters;
    }

    /** Events the driver lost, cumulative. */
    synchronized long drops() {
        if (!frozen) {
            try {
                drops = counters.drops();
            } catch (RuntimeException e) {
                // keep the last value
            }
        }
        return drops;
    }

    /** Every counter under Falco's statistics names, cumulative. */
    synchronized Map<String, Long> byStatName() {
        if (!frozen) {
            try {
                byStatName = counters.byStatName();
            } catch (RuntimeException e) {
                // keep the last values
            }
        }
        return byStatName;
    }

    /** Takes a last reading and keeps it from now on. */
    synchronized void freeze() {
        drops();
        byStatName();
        frozen = true;
    }
}
