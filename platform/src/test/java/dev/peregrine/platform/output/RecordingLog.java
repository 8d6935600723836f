package dev.peregrine.platform.output;

import dev.peregrine.platform.log.Log;
import dev.peregrine.platform.log.LogLevel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A log that keeps every line as {@code LEVEL message}. */
final class RecordingLog implements Log {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void log(LogLevel level, String message) {
        lines.add(level + " " + message);
    }
}
