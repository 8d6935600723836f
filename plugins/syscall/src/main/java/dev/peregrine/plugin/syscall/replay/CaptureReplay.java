package dev.peregrine.plugin.syscall.replay;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.syscall.capture.CaptureReader;
import dev.peregrine.plugin.syscall.capture.EventRecorder;
import dev.peregrine.plugin.syscall.event.EventConverter;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import dev.peregrine.plugin.syscall.state.SyscallEvent;
import dev.peregrine.plugin.syscall.state.SyscallState;
import java.nio.ByteBuffer;

/**
 * Replays a capture file: a {@link ReadAhead} thread reads blocks and upgrades old event layouts; this
 * stream applies every event to the {@link SyscallState} and hands the events rules see (exit events
 * and enter-only events) to the host.
 *
 * <p>One event per batch: the delivered view and the state both describe that event until the host
 * asks for the next batch, so extraction always sees the state as of its own event (libsinsp parses an
 * event, then filters it, then parses the next). A corrupt capture fails after every event before the
 * damage was delivered; the exception names the file, block and byte offset.
 */
public final class CaptureReplay implements EventStream {

    private final ReadAhead readAhead;
    private final SyscallState state;
    private final SyscallEventTypeCatalog catalog;
    private final EventView view;
    private final SyscallEvent current;
    private EventChunk chunk;
    private int position;
    private boolean finished;
    private final String fileName;

    /**
     * @param reader    an open capture; the replay closes it
     * @param converter a fresh converter for this capture
     * @param state     the state to update, seeded from {@code reader.metadata()}
     * @param catalog   decides which event types rules see
     */
    public CaptureReplay(CaptureReader reader, EventConverter converter, SyscallState state,
                         SyscallEventTypeCatalog catalog) {
        this(reader, converter, state, catalog, EventRecorder.NONE);
    }

    /**
     * @param recorder receives every event as read, before conversion and filtering ({@code -w}); the
     *                 replay closes it at the end of the capture or on {@link #close()}
     */
    public CaptureReplay(CaptureReader reader, EventConverter converter, SyscallState state,
                         SyscallEventTypeCatalog catalog, EventRecorder recorder) {
        this.readAhead = new ReadAhead(reader, converter, recorder);
        this.fileName = reader.fileName();
        this.state = state;
        this.catalog = catalog;
        this.view = new EventView(state.table());
        this.current = new SyscallEvent(state);
    }

    @Override
    public BatchStatus nextBatch(EventBatch batch) throws PluginException {
        if (finished) {
            return BatchStatus.EOF;
        }
        readAhead.start();
        EventChunk at = chunk;
        int offset = position;
        while (true) {
            if (at == null || offset >= at.limit) {
                if (at != null) {
                    if (at.failure != null) {
                        finish();
                        if (at.failure instanceof PluginException failure) {
                            throw failure;
                        }
                        throw (RuntimeException) at.failure;
                    }
                    if (at.last) {
                        finish();
                        return BatchStatus.EOF;
                    }
                    readAhead.recycle(at);
                    chunk = null;
                }
                try {
                    at = readAhead.poll();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return BatchStatus.TIMEOUT;
                }
                offset = 0;
                chunk = at;
                if (at == null) {
                    position = 0;
                    return BatchStatus.TIMEOUT;
                }
                continue;
            }
            ByteBuffer buffer = at.buffer;
            view.wrap(buffer, offset + EventChunk.RECORD_HEADER)
                    .position(buffer.getLong(offset), buffer.getInt(offset + 8), buffer.getInt(offset + 12));
            offset += EventChunk.RECORD_HEADER + view.length();
            state.apply(view);
            if (catalog.isEvaluated(view.type())) {
                position = offset;
                batch.add(current.wrap(view));
                return BatchStatus.SUCCESS;
            }
        }
    }

    private void finish() {
        finished = true;
        chunk = null;
        readAhead.close();
    }

    /** The state the replay maintains (what field extraction reads). */
    public SyscallState state() {
        return state;
    }

    @Override
    public String progressText() {
        return fileName;
    }

    @Override
    public void close() {
        readAhead.close();
    }
}
