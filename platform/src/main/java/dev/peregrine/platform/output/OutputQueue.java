package dev.peregrine.platform.output;

import dev.peregrine.platform.engine.Priority;
import dev.peregrine.platform.log.Log;
import dev.peregrine.platform.log.LogLevel;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The FIFO between detection and the output channels. Any number of source threads push (never blocking:
 * when {@code capacity} alerts are pending the alert is dropped and counted, and the first drop logs an
 * ERROR); one worker thread hands each line to every sink in order and flushes them when the queue runs
 * empty (the end of a batch). A watchdog reports a sink call that takes longer than the output timeout.
 */
public final class OutputQueue {

    /** What the worker takes from the queue. */
    private sealed interface Item permits Line, Reopen, Stop {
    }

    private record Line(String text, Priority priority) implements Item {
    }

    private record Reopen() implements Item {
    }

    private record Stop() implements Item {
    }

    private final List<OutputSink> sinks;
    private final AlertFormatter formatter;
    private final long capacity;
    private final long timeoutMillis;
    private final Log log;
    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong drops = new AtomicLong();
    private final AtomicBoolean dropLogged = new AtomicBoolean();
    private final Thread worker;
    private final Thread watchdog;
    private volatile long callStartedNanos;
    private volatile String callSink = "";
    private volatile boolean finished;

    /**
     * @param sinks         enabled sinks in Falco's order: file, stdout, syslog, program, http
     * @param capacity      {@code outputs_queue.capacity}; 0 means unbounded
     * @param timeoutMillis {@code output_timeout}
     */
    public OutputQueue(List<OutputSink> sinks, AlertFormatter formatter, long capacity, long timeoutMillis, Log log) {
        this.sinks = List.copyOf(sinks);
        this.formatter = formatter;
        this.capacity = capacity <= 0 ? Long.MAX_VALUE : capacity;
        this.timeoutMillis = timeoutMillis;
        this.log = log;
        this.worker = new Thread(this::work, "peregrine-outputs");
        this.worker.setDaemon(true);
        this.watchdog = new Thread(this::watch, "peregrine-outputs-watchdog");
        this.watchdog.setDaemon(true);
    }

    /** Starts the worker and the watchdog. */
    public void start() {
        worker.start();
        watchdog.start();
    }

    /** Formats the alert on the caller's thread and queues it; false when it was dropped. */
    public boolean push(Alert alert) {
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            drops.incrementAndGet();
            if (dropLogged.compareAndSet(false, true)) {
                log.error("Outputs queue out of memory. Drop event and continue on ...");
            }
            return false;
        }
        queue.add(new Line(formatter.format(alert), alert.priority()));
        return true;
    }

    /** SIGUSR1: queues a reopen behind the alerts pushed so far. */
    public void reopen() {
        queue.add(new Reopen());
    }

    /** Alerts dropped because the queue was full ({@code outputs_queue_num_drops}). */
    public long drops() {
        return drops.get();
    }

    /**
     * Graceful stop: delivers what is queued, then closes the sinks. When draining takes longer than the
     * output timeout, the remaining alerts are discarded with a NOTICE.
     */
    public void stop() {
        queue.add(new Stop());
        if (!worker.isAlive()) {
            return;
        }
        if (!join(timeoutMillis)) {
            log.log(LogLevel.NOTICE, "output channels still blocked, discarding all remaining notifications");
            queue.clear();
            pending.set(0);
            queue.add(new Stop());
            join(Math.max(timeoutMillis, 100));
        }
        finished = true;
        watchdog.interrupt();
    }

    private boolean join(long millis) {
        try {
            worker.join(Math.max(millis, 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !worker.isAlive();
    }

    private void work() {
        try {
            while (true) {
                Item item = queue.take();
                switch (item) {
                    case Line line -> {
                        pending.decrementAndGet();
                        for (OutputSink sink : sinks) {
                            call(sink, () -> sink.write(line.text(), line.priority()));
                        }
                    }
                    case Reopen reopen -> {
                        for (OutputSink sink : sinks) {
                            call(sink, sink::reopen);
                        }
                    }
                    case Stop stop -> {
                        for (OutputSink sink : sinks) {
                            call(sink, sink::close);
                        }
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    for (OutputSink sink : sinks) {
                        call(sink, sink::flush);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished = true;
        }
    }

    private interface SinkCall {
        void run() throws Exception;
    }

    private void call(OutputSink sink, SinkCall action) {
        callSink = sink.name();
        callStartedNanos = System.nanoTime();
        try {
            action.run();
        } catch (Exception e) {
            log.error(sink.name() + ": " + e.getMessage());
        } finally {
            callStartedNanos = 0;
        }
    }

    private void watch() {
        long reportedFor = 0;
        long period = Math.max(10, Math.min(timeoutMillis / 4, 250));
        while (!finished) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            long started = callStartedNanos;
            if (started != 0 && started != reportedFor
                    && System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(timeoutMillis)) {
                reportedFor = started;
                log.log(LogLevel.CRITICAL, "\"" + callSink + "\" output timeout, all output channels are blocked");
            }
        }
    }
}
