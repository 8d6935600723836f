package dev.peregrine.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A running {@code ./peregrine}: its stdout (alerts, summary) and stderr (log) lines as they arrive. */
final class PeregrineDaemon implements AutoCloseable {

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private PeregrineDaemon(Process process) {
        this.process = process;
        this.outReader = pump(process.getInputStream(), out, "peregrine-stdout");
        this.errReader = pump(process.getErrorStream(), err, "peregrine-stderr");
    }

    /** Starts the launcher of {@code root} with {@code args}. */
    static PeregrineDaemon start(Path root, List<String> args) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(root.resolve("peregrine").toString());
        command.addAll(args);
        return new PeregrineDaemon(new ProcessBuilder(command).directory(root.toFile()).start());
    }

    private static Thread pump(InputStream stream, List<String> lines, String name) {
        Thread thread = Thread.ofPlatform().daemon().name(name).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process went away
            }
        });
        return thread;
    }

    /** Waits for an stdout line accepted by {@code match}; null when the wait runs out or the process ends. */
    String awaitOut(Predicate<String> match, Duration wait) throws InterruptedException {
        return await(out, match, wait);
    }

    /** Waits for an stderr line accepted by {@code match}. */
    String awaitErr(Predicate<String> match, Duration wait) throws InterruptedException {
        return await(err, match, wait);
    }

    private String await(List<String> lines, Predicate<String> match, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (match.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                Thread.sleep(200);
                return lines.stream().filter(match).findFirst().orElse(null);
            }
            Thread.sleep(50);
        }
        return null;
    }

    /** Whether the process still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGINT (Ctrl-C) and waits for the exit code; -1 if it did not stop in time. */
    int interrupt(Duration wait) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        outReader.join(5000);
        errReader.join(5000);
        return process.exitValue();
    }

    /** Everything printed on stdout so far. */
    String stdout() {
        return String.join("\n", out);
    }

    /** Everything printed on stderr so far. */
    String stderr() {
        return String.join("\n", err);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
