package dev.peregrine.platform.output;

import dev.peregrine.platform.engine.Priority;
import java.io.IOException;

/**
 * One output channel. Only the output worker thread calls these methods, so sinks need no locking.
 * Throwing from {@link #write} logs {@code <name>: <reason>} and delivery continues with the next sink.
 */
public interface OutputSink {

    /** Falco's channel name: {@code file}, {@code stdout}, {@code syslog}, {@code program}, {@code http}. */
    String name();

    /** Delivers one formatted alert line (no trailing newline). */
    void write(String line, Priority priority) throws IOException;

    /** End of a batch: push buffered lines out. */
    default void flush() throws IOException {
    }

    /** SIGUSR1: close and reopen files and programs; a no-op elsewhere. */
    default void reopen() throws IOException {
    }

    /** Final flush and release. */
    default void close() throws IOException {
    }
}
