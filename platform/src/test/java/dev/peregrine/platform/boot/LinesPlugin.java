package dev.peregrine.platform.boot;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.PluginContext;
import dev.peregrine.api.PluginInfo;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.platform.plugin.PluginConfig;
import dev.peregrine.platform.plugin.PluginLoadException;
import dev.peregrine.platform.plugin.PluginProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A tiny event source for end-to-end runs: open_params is a {@code |}-separated list of lines, one event
 * per line, one second of event time apart starting at 1000 s; field {@code line.text} is the line. A last
 * line {@code ...} keeps the source open (timeouts) until the run stops it.
 */
final class LinesPlugin implements FalcoPlugin {

    static final long START_NANOS = 1_000_000_000_000L;

    @Override
    public PluginInfo info() {
        return PluginInfo.source("lines", "0.1.0", "Lines as events", "tests", 999, "lines");
    }

    @Override
    public List<FieldSpec> fields() {
        return List.of(FieldSpec.of("line.text", FieldType.STRING, "the line"));
    }

    @Override
    public PluginInstance init(PluginContext context, String initConfig) {
        return new PluginInstance() {
            @Override
            public EventStream open(String openParams) {
                String[] given = openParams.split("\\|");
                boolean keepOpen = given[given.length - 1].equals("...");
                String[] lines = keepOpen ? java.util.Arrays.copyOf(given, given.length - 1) : given;
                int[] next = {0};
                return batch -> {
                    if (keepOpen && next[0] >= lines.length) {
                        return BatchStatus.TIMEOUT;
                    }
                    while (next[0] < lines.length && batch.remaining() > 0) {
                        batch.add(START_NANOS + next[0] * 1_000_000_000L,
                                lines[next[0]].getBytes(StandardCharsets.UTF_8));
                        next[0]++;
                    }
                    return next[0] < lines.length || keepOpen ? BatchStatus.SUCCESS : BatchStatus.EOF;
                };
            }

            @Override
            public FieldHandle bindField(FieldSpec field, FieldArgument argument) {
                return (event, out) -> {
                    out.addString(new String(event.payload(), StandardCharsets.UTF_8));
                    return true;
                };
            }
        };
    }

    /** Provides this plugin for every configured entry; there is no syscall source. */
    static PluginProvider provider() {
        LinesPlugin plugin = new LinesPlugin();
        return new PluginProvider() {
            @Override
            public FalcoPlugin provide(PluginConfig config) throws PluginLoadException {
                if (!config.name().equals("lines")) {
                    throw new PluginLoadException("cannot load plugin " + config.libraryPath()
                            + ": No such file or directory");
                }
                return plugin;
            }

            @Override
            public Optional<FalcoPlugin> syscall() {
                return Optional.empty();
            }
        };
    }
}
