package dev.peregrine.platform.output;

import dev.peregrine.platform.engine.Priority;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** {@code stdout_output}: one line per alert, flushed per alert unless outputs are buffered. */
public final class StdoutSink implements OutputSink {

    private final OutputStream out;
    private final boolean buffered;

    public StdoutSink(OutputStream stdout, boolean buffered) {
        this.out = new BufferedOutputStream(stdout, 64 * 1024);
        this.buffered = buffered;
    }

    @Override
    public String name() {
        return "stdout";
    }

    @Override
    public void write(String line, Priority priority) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        if (!buffered) {
            out.flush();
        }
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
