package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.PluginContext;
import dev.peregrine.api.PluginLogger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A plugin context whose logger keeps every line, for tests that count log lines. */
final class RecordingLogger implements PluginContext, PluginLogger {

    /** The lines logged so far, from any thread. */
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public PluginLogger logger() {
        return this;
    }

    @Override
    public void log(Level level, String message) {
        lines.add(message);
    }

    /** Lines containing {@code text}. */
    long count(String text) {
        return lines.stream().filter(line -> line.contains(text)).count();
    }
}
