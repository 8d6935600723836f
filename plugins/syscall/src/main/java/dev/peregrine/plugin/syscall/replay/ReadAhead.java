package dev.peregrine.plugin.syscall.replay;

import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.syscall.capture.CaptureException;
import dev.peregrine.plugin.syscall.capture.CaptureReader;
import dev.peregrine.plugin.syscall.capture.EventRecorder;
import java.io.IOException;
import dev.peregrine.plugin.syscall.event.ConversionException;
import dev.peregrine.plugin.syscall.event.EventConverter;
import dev.peregrine.plugin.syscall.event.EventView;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads and converts a capture on a thread of its own, so that file I/O, decompression, block framing
 * and the old-format upgrade run on the second core while the replay thread applies state and
 * evaluates rules. Converted events travel in a fixed ring of {@link EventChunk}s (handed over whole,
 * in order); the reader closes the capture when it stops.
 */
final class ReadAhead implements AutoCloseable {

    /** Chunks in flight: enough to keep both threads busy, few enough to stay in cache-friendly memory. */
    private static final int CHUNKS = 4;
    private static final long WAIT_MILLIS = 50;

    private final CaptureReader reader;
    private final EventConverter converter;
    private final EventRecorder recorder;
    private final ArrayBlockingQueue<EventChunk> filled = new ArrayBlockingQueue<>(CHUNKS);
    private final ArrayBlockingQueue<EventChunk> free = new ArrayBlockingQueue<>(CHUNKS);
    private volatile boolean stopped;
    private Thread thread;

    /** A read-ahead that records every event it reads through {@code recorder} ({@code -w}) and closes it. */
    ReadAhead(CaptureReader reader, EventConverter converter, EventRecorder recorder) {
        this.reader = reader;
        this.converter = converter;
        this.recorder = recorder;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new EventChunk());
        }
    }

    /** Starts the reading thread (once). */
    void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("syscall-read-ahead").start(this::run);
        }
    }

    /** The next filled chunk in capture order, or null when none arrived within a short wait. */
    EventChunk poll() throws InterruptedException {
        EventChunk chunk = filled.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        if (chunk == null && thread != null && !thread.isAlive() && filled.isEmpty() && !stopped) {
            // the reader died without handing over an end or a failure (an Error it could not report):
            // fail the replay rather than wait for chunks that will never come
            chunk = new EventChunk();
            chunk.failure = new IllegalStateException("the capture read-ahead thread ended without reaching the end");
        }
        return chunk;
    }

    /** Gives a drained chunk back to the reader. */
    void recycle(EventChunk chunk) {
        chunk.reset();
        free.offer(chunk);
    }

    private void run() {
        try {
            EventChunk chunk = takeFree();
            while (chunk != null) {
                try {
                    EventView read = reader.next();
                    if (read == null) {
                        recorder.close(); // before the end is announced: a -w file is complete at EOF
                        chunk.last = true;
                        publish(chunk);
                        return;
                    }
                    recorder.record(read);
                    EventView event = converter.convert(read);
                    if (event == null) {
                        continue;
                    }
                    if (!chunk.fits(event)) {
                        if (!publish(chunk)) {
                            return;
                        }
                        chunk = takeFree();
                        if (chunk == null || !chunk.fits(event)) {
                            return;
                        }
                    }
                    chunk.append(event);
                } catch (CaptureException e) {
                    chunk.failure = new PluginException("cannot read capture " + e.getMessage());
                    publish(chunk);
                    return;
                } catch (ConversionException e) {
                    chunk.failure = new PluginException("cannot read capture " + reader.describePosition() + ": "
                            + e.getMessage());
                    publish(chunk);
                    return;
                } catch (IOException e) {
                    chunk.failure = new PluginException("cannot write capture: " + e.getMessage());
                    publish(chunk);
                    return;
                } catch (RuntimeException e) {
                    chunk.failure = e;
                    publish(chunk);
                    return;
                } catch (Error e) {
                    chunk.failure = new IllegalStateException("capture read-ahead failed: " + e, e);
                    publish(chunk);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reader.close();
            closeRecorder();
        }
    }

    private void closeRecorder() {
        try {
            recorder.close();
        } catch (IOException e) {
            // only after a failure or a stop, which the replay already reports
        }
    }

    private EventChunk takeFree() throws InterruptedException {
        EventChunk chunk;
        while ((chunk = free.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS)) == null) {
            if (stopped) {
                return null;
            }
        }
        return stopped ? null : chunk;
    }

    private boolean publish(EventChunk chunk) throws InterruptedException {
        while (!filled.offer(chunk, WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            if (stopped) {
                return false;
            }
        }
        return true;
    }

    /** Stops the reader (it closes the capture) and waits briefly for it. */
    @Override
    public void close() {
        stopped = true;
        if (thread == null) {
            reader.close();
            closeRecorder();
            return;
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
