package dev.peregrine.platform.drops;

import dev.peregrine.platform.config.PeregrineConfig.DropAction;
import dev.peregrine.platform.config.PeregrineConfig;
import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.log.Log;
import dev.peregrine.platform.log.LogLevel;
import dev.peregrine.platform.output.Alert;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Watches the syscall source for dropped events. Once per second of event time it compares the drop
 * counter with the previous check (plus one simulated drop with {@code simulate_drops}, which also forces
 * the threshold to 0); when the drop ratio exceeds the threshold it counts an occurrence and, if the token
 * bucket allows, runs the configured actions. {@link #onEvent} is called from the syscall source thread
 * only; the partition threads of a partitioned syscall source call {@link #onPartitionEvent} instead.
 */
public final class DropMonitor {

    /** The internal rule name of drop alerts. */
    public static final String RULE = "Falco internal: syscall event drop";
    private static final long SECOND = 1_000_000_000L;
    private static final List<String> BUFFER_CATEGORIES = List.of("clone_fork", "execve", "connect", "open",
            "dir_file", "other_interest", "close", "proc");

    private final PeregrineConfig.Drops config;
    private final double threshold;
    private final boolean modernEbpf;
    private final LongSupplier dropCounter;
    private final Log log;
    private final Consumer<Alert> alerts;
    private final String hostname;
    private final TokenBucket bucket;
    /** Volatile so partition threads can skip the lock between checks; written once per second. */
    private volatile long nextCheckNanos;
    private long eventsAtCheck;
    private long eventsSinceCheck;
    private long lastDrops;
    private long occurrences;
    private long actionsTaken;
    private volatile boolean exitRequested;
    private Supplier<Map<String, Long>> driverCounters = Map::of;
    private Map<String, Long> lastCounters = Map.of();
    private Map<String, Long> counterDeltas = Map.of();

    /**
     * @param dropCounter cumulative drops reported by the source (0 when it reports none)
     * @param alerts      where the {@code alert} action sends its internal alert
     */
    public DropMonitor(PeregrineConfig.Drops config, boolean modernEbpf, LongSupplier dropCounter, Log log,
                       Consumer<Alert> alerts, String hostname) {
        this.config = config;
        this.threshold = config.simulateDrops() ? 0 : config.threshold();
        this.modernEbpf = modernEbpf;
        this.dropCounter = dropCounter;
        this.log = log;
        this.alerts = alerts;
        this.hostname = hostname;
        this.bucket = new TokenBucket(config.rate(), config.maxBurst());
    }

    /**
     * Takes the driver's per-category counters ({@code EventStream.driverCounters}) for the {@code alert}
     * action's fields, which are the counters' changes since the previous check; without them those fields
     * are 0.
     */
    public void countersFrom(Supplier<Map<String, Long>> counters) {
        this.driverCounters = counters;
    }

    /**
     * Accounts one event of a partitioned source, from any of its partition threads. Between checks this
     * is one volatile read; the once-a-second check itself runs under this monitor's lock and takes the
     * number of events from {@code cumulativeEvents} (all partitions together) rather than from calls.
     * Partitions deliver event times independently, so the check runs when any partition passes the
     * next check time.
     *
     * @return false when the {@code exit} action fired and the source must stop
     */
    public boolean onPartitionEvent(long eventNanos, LongSupplier cumulativeEvents) {
        long next = nextCheckNanos;
        if (next != 0 && eventNanos <= next) {
            return true;
        }
        synchronized (this) {
            if (exitRequested) {
                return false;
            }
            long current = nextCheckNanos;
            if (current != 0 && eventNanos <= current) {
                return true; // another partition ran the check meanwhile
            }
            long events = cumulativeEvents.getAsLong();
            // onEvent counts the event it is given: the rest of the delta comes from the counter
            eventsSinceCheck = Math.max(0, events - eventsAtCheck - 1);
            eventsAtCheck = events;
            return onEvent(eventNanos);
        }
    }

    /**
     * Accounts one event.
     *
     * @return false when the {@code exit} action fired and the source must stop
     */
    public boolean onEvent(long eventNanos) {
        eventsSinceCheck++;
        if (nextCheckNanos == 0) {
            nextCheckNanos = eventNanos + SECOND;
            lastDrops = dropCounter.getAsLong();
            lastCounters = driverCounters.get();
            return true;
        }
        if (eventNanos <= nextCheckNanos) {
            return true;
        }
        nextCheckNanos = eventNanos + SECOND;
        long drops = dropCounter.getAsLong();
        long deltaDrops = drops - lastDrops;
        long deltaEvents = eventsSinceCheck + deltaDrops;
        lastDrops = drops;
        eventsSinceCheck = 0;
        Map<String, Long> counters = driverCounters.get();
        if (!counters.isEmpty()) {
            Map<String, Long> deltas = new LinkedHashMap<>();
            counters.forEach((name, value) -> deltas.put(name, value - lastCounters.getOrDefault(name, 0L)));
            counterDeltas = deltas;
            lastCounters = counters;
        }
        if (config.simulateDrops()) {
            log.info("Simulating syscall event drop");
            deltaDrops++;
            deltaEvents++;
        }
        if (deltaDrops <= 0 || (double) deltaDrops / deltaEvents <= threshold) {
            return true;
        }
        occurrences++;
        if (!bucket.claim(eventNanos)) {
            log.debug("Syscall event drop but token bucket depleted, skipping actions");
            return true;
        }
        actionsTaken++;
        return perform(eventNanos, deltaEvents, deltaDrops);
    }

    private boolean perform(long eventNanos, long deltaEvents, long deltaDrops) {
        String message = RULE + ". " + deltaDrops + " system calls dropped in last second.";
        for (DropAction action : config.actions()) {
            switch (action) {
                case IGNORE -> {
                }
                case LOG -> log.debug(message);
                case ALERT -> alerts.accept(Alert.internal(nowNanos(), Priority.DEBUG, RULE, message,
                        fields(deltaEvents, deltaDrops), hostname));
                case EXIT -> {
                    log.log(LogLevel.CRITICAL, message);
                    log.log(LogLevel.CRITICAL, "Exiting.");
                    exitRequested = true;
                    return false;
                }
            }
        }
        return true;
    }

    private Map<String, Object> fields(long deltaEvents, long deltaDrops) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ebpf_enabled", modernEbpf ? "1" : "0");
        fields.put("n_drops", Long.toString(deltaDrops));
        fields.put("n_drops_buffer_total", delta("n_drops_buffer_total"));
        for (String category : BUFFER_CATEGORIES) {
            String name = "n_drops_buffer_" + category + "_exit";
            fields.put(name, delta(name));
        }
        fields.put("n_drops_bug", delta("n_drops_bug"));
        fields.put("n_drops_page_faults", delta("n_drops_page_faults"));
        fields.put("n_drops_scratch_map", delta("n_drops_scratch_map"));
        fields.put("n_evts", Long.toString(counterDeltas.getOrDefault("n_evts", deltaEvents)));
        return fields;
    }

    private String delta(String counter) {
        return Long.toString(counterDeltas.getOrDefault(counter, 0L));
    }

    private static long nowNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * SECOND + now.getNano();
    }

    /** True once the {@code exit} action fired. */
    public boolean exitRequested() {
        return exitRequested;
    }

    /** The end-of-run lines Falco writes to stderr for the syscall source. */
    public void printStats(PrintStream err) {
        err.print("Syscall event drop monitoring:\n"
                + "   - event drop detected: " + occurrences + " occurrences\n"
                + "   - num times actions taken: " + actionsTaken + "\n");
        err.flush();
    }
}
