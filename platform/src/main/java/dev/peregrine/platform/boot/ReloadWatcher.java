package dev.peregrine.platform.boot;

import dev.peregrine.platform.log.Log;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Triggers a validated restart (§4.7) after 100 ms without further changes to the watched files: the
 * loaded configuration and rules files (write, move, delete) and the entries of watched directories
 * (create, delete, move). SIGHUP goes through the same debounce.
 */
final class ReloadWatcher implements AutoCloseable {

    private static final long QUIET_MILLIS = 100;

    private final Runnable restart;
    private final Log log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "peregrine-reload");
        t.setDaemon(true);
        return t;
    });
    private WatchService watcher;
    private Thread thread;
    private ScheduledFuture<?> pending;

    /** @param restart validates and, when valid, restarts; runs on the watcher's own thread */
    ReloadWatcher(Runnable restart, Log log) {
        this.restart = restart;
        this.log = log;
    }

    /** Starts watching {@code files} (their parent directories, filtered by name) and {@code directories}. */
    void watch(List<Path> files, List<Path> directories) {
        Map<Path, Set<String>> names = new HashMap<>();
        Set<Path> wholeDirectories = new HashSet<>();
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            if (absolute.getParent() != null) {
                names.computeIfAbsent(absolute.getParent(), d -> new HashSet<>()).add(absolute.getFileName().toString());
            }
        }
        for (Path directory : directories) {
            if (Files.isDirectory(directory)) {
                wholeDirectories.add(directory.toAbsolutePath().normalize());
            }
        }
        try {
            watcher = FileSystems.getDefault().newWatchService();
            Map<WatchKey, Path> keys = new HashMap<>();
            Set<Path> all = new HashSet<>(names.keySet());
            all.addAll(wholeDirectories);
            for (Path dir : all) {
                if (Files.isDirectory(dir)) {
                    keys.put(dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY), dir);
                }
            }
            thread = new Thread(() -> loop(keys, names, wholeDirectories), "peregrine-watch");
            thread.setDaemon(true);
            thread.start();
        } catch (IOException e) {
            log.warning("Cannot watch configuration and rules files for changes: " + e.getMessage());
        }
    }

    private void loop(Map<WatchKey, Path> keys, Map<Path, Set<String>> names, Set<Path> wholeDirectories) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Path dir = keys.get(key);
                boolean relevant = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (dir == null || !(event.context() instanceof Path name)) {
                        continue;
                    }
                    if (wholeDirectories.contains(dir)
                            || names.getOrDefault(dir, Set.of()).contains(name.toString())) {
                        relevant = true;
                    }
                }
                key.reset();
                if (relevant) {
                    request();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the run is over
        }
    }

    /** Schedules a restart attempt after the quiet period; a newer request restarts the wait. */
    synchronized void request() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = timer.schedule(restart, QUIET_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
