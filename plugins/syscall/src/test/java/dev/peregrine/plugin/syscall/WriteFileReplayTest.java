package dev.peregrine.plugin.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.plugin.syscall.field.TextSink;
import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.plugin.syscall.testing.CallbackBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -w} at plugin level: replaying a capture with {@code write_file} records every event read, and
 * replaying the written file gives every rule-visible event the same field values (hence the same alerts).
 */
class WriteFileReplayTest {

    private static final List<String> FIELDS = List.of("evt.num", "evt.type", "evt.dir", "evt.res", "proc.name",
            "proc.cmdline", "proc.pname", "proc.exepath", "fd.name", "fd.type", "user.name", "container.id");

    @TempDir
    Path dir;

    /** One line of field values per event the stream hands to rules. */
    private static List<String> view(String openParams) throws PluginException {
        SyscallPlugin plugin = new SyscallPlugin();
        PluginInstance instance = plugin.init(null, "");
        List<FieldHandle> handles = new ArrayList<>();
        for (String name : FIELDS) {
            FieldSpec spec = plugin.fields().stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseGet(() -> new ContainerPlugin().fields().stream().filter(f -> f.name().equals(name))
                            .findFirst().orElseThrow());
            handles.add(name.startsWith("container.") ? new ContainerPlugin().init(null, "").bindField(spec,
                    FieldArgument.none()) : instance.bindField(spec, FieldArgument.none()));
        }
        List<String> lines = new ArrayList<>();
        EventBatch batch = new CallbackBatch(event -> {
            StringBuilder line = new StringBuilder();
            for (FieldHandle handle : handles) {
                TextSink sink = new TextSink();
                boolean present = handle.extract(event, sink);
                line.append(present ? String.join(",", sink.values) : "<NA>").append(' ');
            }
            lines.add(line.toString());
        });
        try (EventStream stream = instance.open(openParams)) {
            while (stream.nextBatch(batch) != BatchStatus.EOF) {
                // every batch is recorded by the callback
            }
        }
        return lines;
    }

    @Test
    void aReplayWrittenWithWriteFileReplaysWithTheSameFieldValues() throws Exception {
        Path source = SharedSpecs.require("compat/legacy/trace_files/connect_localhost.scap");
        Path out = dir.resolve("out.scap");
        String json = "{\"engine\": \"replay\", \"capture_file\": \"" + source + "\", \"write_file\": \"" + out + "\"}";
        List<String> first = view(json);
        assertTrue(Files.size(out) > 0);
        List<String> second = view(out.toString());
        assertFalse(first.isEmpty());
        assertEquals(first, second);
    }

    @Test
    void anUnwritableWriteFileFailsAtOpenWithASentence() {
        Path source = SharedSpecs.require("compat/legacy/trace_files/cat_write.scap");
        Path out = dir.resolve("missing/out.scap");
        String json = "{\"engine\": \"replay\", \"capture_file\": \"" + source + "\", \"write_file\": \"" + out + "\"}";
        PluginException e = org.junit.jupiter.api.Assertions.assertThrows(PluginException.class,
                () -> new SyscallPlugin().init(null, "").open(json));
        assertEquals("cannot write capture " + out + ": cannot create the capture file: its directory does not exist",
                e.getMessage());
    }

    @Test
    void theKmodEngineWithoutTheModuleSaysSo() {
        String json = "{\"engine\": \"kmod\", \"device_dir\": \"" + dir + "\", \"device_name\": \"falco\"}";
        PluginException e = org.junit.jupiter.api.Assertions.assertThrows(PluginException.class,
                () -> new SyscallPlugin().init(null, "").open(json));
        assertEquals("no " + dir.resolve("falco0") + ": the Falco kernel module is not loaded", e.getMessage());
    }
}
