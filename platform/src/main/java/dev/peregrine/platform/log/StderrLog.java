package dev.peregrine.platform.log;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Falco's operational log on stderr: {@code <TS>: <msg>} with a ctime-like local stamp
 * ({@code Wed Mar 27 15:28:22 2019}) or, in ISO mode, {@code 2019-03-27T15:28:22+0000} in UTC.
 * Messages below the threshold are dropped; settings may change once the configuration is read.
 */
public final class StderrLog implements Log {

    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss yyyy", Locale.ROOT);
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+0000'", Locale.ROOT);

    private final PrintStream err;
    private final Supplier<Instant> clock;
    private final ZoneId zone;
    private volatile LogLevel threshold;
    private volatile boolean enabled;
    private volatile boolean iso;

    public StderrLog(PrintStream err, Supplier<Instant> clock, ZoneId zone, LogLevel threshold) {
        this.err = err;
        this.clock = clock;
        this.zone = zone;
        this.threshold = threshold;
        this.enabled = true;
    }

    /** Applies {@code log_level}, {@code log_stderr} and {@code time_format_iso_8601}. */
    public void configure(LogLevel threshold, boolean enabled, boolean iso) {
        this.threshold = threshold;
        this.enabled = enabled;
        this.iso = iso;
    }

    @Override
    public void log(LogLevel level, String message) {
        if (!enabled || !level.passes(threshold)) {
            return;
        }
        Instant now = clock.get();
        String stamp = iso ? ISO.format(now.atZone(ZoneOffset.UTC)) : CTIME.format(now.atZone(zone));
        String text = message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
        synchronized (err) {
            err.print(stamp + ": " + text + "\n");
            err.flush();
        }
    }
}
