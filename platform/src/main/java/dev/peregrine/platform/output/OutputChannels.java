package dev.peregrine.platform.output;

import dev.peregrine.platform.config.PeregrineConfig;
import dev.peregrine.platform.log.Log;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Builds the enabled sinks of a configuration in Falco's delivery order: file, stdout, syslog, program, http. */
public final class OutputChannels {

    private OutputChannels() {
    }

    /**
     * @param stdout our standard output (alerts, http echo)
     * @param buffered buffered_outputs after {@code -U}
     */
    public static List<OutputSink> create(PeregrineConfig config, boolean buffered, PrintStream stdout, Log log,
                                          ZoneId zone) {
        PeregrineConfig.Outputs o = config.outputs();
        List<OutputSink> sinks = new ArrayList<>();
        if (o.file().enabled()) {
            sinks.add(new FileSink(Path.of(o.file().filename()), o.file().keepAlive(), buffered, log));
        }
        if (o.stdout()) {
            sinks.add(new StdoutSink(stdout, buffered));
        }
        if (o.syslog()) {
            sinks.add(new SyslogSink(config.platform().syslogSocket(), log, Instant::now, zone));
        }
        if (o.program().enabled()) {
            sinks.add(new ProgramSink(o.program().program(), o.program().keepAlive(), buffered, log));
        }
        if (o.http().enabled()) {
            try {
                sinks.add(new HttpSink(o.http(), config.json().enabled(), log, stdout));
            } catch (RuntimeException e) {
                log.error("Failed to init output: " + e.getMessage());
            }
        }
        return sinks;
    }
}
