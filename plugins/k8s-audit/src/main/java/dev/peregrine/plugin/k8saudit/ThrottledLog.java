package dev.peregrine.plugin.k8saudit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Logs at most one line per kind of problem per minute, so a client posting garbage in a loop
 * cannot flood the log; the next line that gets through says how many were held back.
 */
final class ThrottledLog {

    /** Shortest gap between two lines of the same kind. */
    static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final AuditEvents.Log log;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** Per-kind state: when the last line went out and how many were held back since. */
    private static final class Window {
        final AtomicLong lastNanos;
        final AtomicLong suppressed = new AtomicLong();

        Window(long firstNanos) {
            lastNanos = new AtomicLong(firstNanos);
        }
    }

    ThrottledLog(AuditEvents.Log log, LongSupplier clock) {
        this.log = log;
        this.clock = clock;
    }

    ThrottledLog(AuditEvents.Log log) {
        this(log, System::nanoTime);
    }

    /** Logs {@code message} unless a line of {@code kind} went out less than a minute ago. */
    void warning(String kind, String message) {
        long now = clock.getAsLong();
        Window fresh = new Window(now);
        Window window = windows.putIfAbsent(kind, fresh);
        if (window == null) {
            log.warning(message);
            return;
        }
        long last = window.lastNanos.get();
        if (now - last < WINDOW_NANOS || !window.lastNanos.compareAndSet(last, now)) {
            window.suppressed.incrementAndGet();
            return;
        }
        long held = window.suppressed.getAndSet(0);
        log.warning(held == 0 ? message : message + " (" + held + " more like this in the last minute not logged)");
    }

    /** This throttle as a log: kinds given by the caller, or the whole message when none is. */
    AuditEvents.Log asLog() {
        return new AuditEvents.Log() {
            @Override
            public void warning(String message) {
                ThrottledLog.this.warning(message, message);
            }

            @Override
            public void warning(String kind, String message) {
                ThrottledLog.this.warning(kind, message);
            }
        };
    }
}
