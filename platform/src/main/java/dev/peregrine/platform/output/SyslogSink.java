package dev.peregrine.platform.output;

import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.log.Log;
import dev.peregrine.platform.log.SyslogTransport;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * {@code syslog_output}: one RFC 3164 record per alert, {@code <PRI>Mmm dd hh:mm:ss falco: <msg>}, facility
 * LOG_USER, severity = priority; delivered through {@link SyslogTransport} to {@code platform.syslog_socket}.
 */
public final class SyslogSink implements OutputSink {

    private final SyslogTransport transport;
    private final Log log;
    private final Supplier<Instant> clock;
    private final ZoneId zone;
    private boolean fallbackLogged;

    public SyslogSink(String socket, Log log, Supplier<Instant> clock, ZoneId zone) {
        this.transport = new SyslogTransport(socket);
        this.log = log;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public String name() {
        return "syslog";
    }

    /** The record text for one alert, without transport framing. */
    String record(String line, Priority priority) {
        return SyslogTransport.record(clock.get(), zone, priority.severity(), line);
    }

    @Override
    public void write(String line, Priority priority) throws IOException {
        transport.send(record(line, priority));
        if (!fallbackLogged && transport.fallbackReason() != null) {
            fallbackLogged = true;
            log.debug("syslog socket does not accept streams (" + transport.fallbackReason()
                    + "), sending UDP datagrams to 127.0.0.1:514");
        }
    }

    @Override
    public void close() throws IOException {
        transport.close();
    }
}
