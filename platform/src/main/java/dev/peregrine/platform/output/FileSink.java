package dev.peregrine.platform.output;

import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.log.Log;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code file_output}: appends {@code line\n}, creating the file when missing. Without keep_alive the
 * file is opened and closed per alert (so a deleted file is recreated); with keep_alive it stays open
 * until SIGUSR1 or shutdown. Never truncates or rotates.
 */
public final class FileSink implements OutputSink {

    private final Path file;
    private final boolean keepAlive;
    private final boolean buffered;
    private final Log log;
    private OutputStream open;

    public FileSink(Path file, boolean keepAlive, boolean buffered, Log log) {
        this.file = file;
        this.keepAlive = keepAlive;
        this.buffered = buffered;
        this.log = log;
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public void write(String line, Priority priority) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (!keepAlive) {
            try (OutputStream out = openFile()) {
                if (out != null) {
                    out.write(bytes);
                }
            }
            return;
        }
        if (open == null) {
            open = openFile();
            if (open == null) {
                return;
            }
        }
        open.write(bytes);
        if (!buffered) {
            open.flush();
        }
    }

    private OutputStream openFile() {
        try {
            return new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE));
        } catch (IOException | SecurityException e) {
            log.error("failed to open output file " + file);
            return null;
        }
    }

    @Override
    public void flush() throws IOException {
        if (open != null) {
            open.flush();
        }
    }

    @Override
    public void reopen() throws IOException {
        close();
    }

    @Override
    public void close() throws IOException {
        if (open != null) {
            OutputStream out = open;
            open = null;
            out.close();
        }
    }
}
