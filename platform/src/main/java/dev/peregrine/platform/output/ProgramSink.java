package dev.peregrine.platform.output;

import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.log.Log;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code program_output}: feeds {@code line\n} to {@code /bin/sh -c <program>} on stdin; the program
 * shares our stdout and stderr. Without keep_alive one shell runs per alert and the worker waits for it to
 * exit; with keep_alive one shell is started at the first alert and reused until SIGUSR1 or shutdown.
 */
public final class ProgramSink implements OutputSink {

    private final String program;
    private final boolean keepAlive;
    private final boolean buffered;
    private final Log log;
    private Process process;
    private OutputStream stdin;

    public ProgramSink(String program, boolean keepAlive, boolean buffered, Log log) {
        this.program = program;
        this.keepAlive = keepAlive;
        this.buffered = buffered;
        this.log = log;
    }

    @Override
    public String name() {
        return "program";
    }

    @Override
    public void write(String line, Priority priority) throws IOException {
        if (process == null && !spawn()) {
            return;
        }
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        if (!keepAlive) {
            closeAndWait();
        } else if (!buffered) {
            stdin.flush();
        }
    }

    private boolean spawn() {
        try {
            process = new ProcessBuilder("/bin/sh", "-c", program)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            stdin = process.getOutputStream();
            return true;
        } catch (IOException e) {
            log.error("Failed to open program output: " + program + " (error: " + e.getMessage() + ")");
            return false;
        }
    }

    private void closeAndWait() throws IOException {
        if (process == null) {
            return;
        }
        Process running = process;
        process = null;
        try {
            stdin.close();
        } finally {
            stdin = null;
            try {
                running.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void flush() throws IOException {
        if (stdin != null) {
            stdin.flush();
        }
    }

    @Override
    public void reopen() throws IOException {
        closeAndWait();
    }

    @Override
    public void close() throws IOException {
        closeAndWait();
    }
}
