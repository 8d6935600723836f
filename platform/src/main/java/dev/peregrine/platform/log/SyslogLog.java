package dev.peregrine.platform.log;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;

/** {@code log_syslog}: operational messages to syslog, bare text, facility LOG_USER, severity = level. */
public final class SyslogLog implements Log {

    private final SyslogTransport transport;
    private final Supplier<Instant> clock;
    private final ZoneId zone;
    private volatile boolean broken;

    public SyslogLog(String socket, Supplier<Instant> clock, ZoneId zone) {
        this.transport = new SyslogTransport(socket);
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public synchronized void log(LogLevel level, String message) {
        if (broken) {
            return;
        }
        try {
            transport.send(SyslogTransport.record(clock.get(), zone, level.ordinal(), message.strip()));
        } catch (IOException | RuntimeException e) {
            // losing the syslog copy must not stop the daemon; stderr still has the message
            broken = true;
        }
    }
}
