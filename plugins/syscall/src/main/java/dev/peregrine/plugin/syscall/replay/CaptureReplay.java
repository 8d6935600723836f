package dev.peregrine.plugin.syscall.replay;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.syscall.capture.CaptureException;
import dev.peregrine.plugin.syscall.capture.CaptureReader;
import dev.peregrine.plugin.syscall.capture.EventRecorder;
import java.io.IOException;
import dev.peregrine.plugin.syscall.event.ConversionException;
import dev.peregrine.plugin.syscall.event.EventConverter;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import dev.peregrine.plugin.syscall.state.SyscallEvent;
import dev.peregrine.plugin.syscall.state.SyscallState;

/**
 * Replays a capture file: reads blocks, upgrades old event layouts, applies every event to the
 * {@link SyscallState} and hands the events rules see (exit events and enter-only events) to the host.
 *
 * <p>One event per batch: the delivered view and the state both describe that event until the host
 * asks for the next batch, so extraction always sees the state as of its own event (libsinsp parses an
 * event, then filters it, then parses the next). A corrupt capture fails after every event before the
 * damage was delivered; the exception names the file, block and byte offset.
 */
public final class CaptureReplay implements EventStream {

    private final CaptureReader reader;
    private final EventConverter converter;
    private final SyscallState state;
    private final SyscallEventTypeCatalog catalog;
    private final SyscallEvent current;
    private final EventRecorder recorder;
    private boolean finished;

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
        this.recorder = recorder;
        this.reader = reader;
        this.converter = converter;
        this.state = state;
        this.catalog = catalog;
        this.current = new SyscallEvent(state);
    }

    @Override
    public BatchStatus nextBatch(EventBatch batch) throws PluginException {
        if (finished) {
            return BatchStatus.EOF;
        }
        try {
            while (true) {
                EventView read = reader.next();
                if (read == null) {
                    finished = true;
                    reader.close();
                    closeRecorder();
                    return BatchStatus.EOF;
                }
                recorder.record(read);
                EventView event = converter.convert(read);
                if (event == null) {
                    continue;
                }
                state.apply(event);
                if (catalog.isEvaluated(event.type())) {
                    batch.add(current.wrap(event));
                    return BatchStatus.SUCCESS;
                }
            }
        } catch (CaptureException e) {
            finished = true;
            reader.close();
            closeQuietly();
            throw new PluginException("cannot read capture " + e.getMessage());
        } catch (ConversionException e) {
            finished = true;
            reader.close();
            closeQuietly();
            throw new PluginException("cannot read capture " + reader.describePosition() + ": " + e.getMessage());
        } catch (IOException e) {
            finished = true;
            reader.close();
            closeQuietly();
            throw new PluginException("cannot write capture " + e.getMessage());
        }
    }

    private void closeRecorder() throws IOException {
        recorder.close();
    }

    private void closeQuietly() {
        try {
            recorder.close();
        } catch (IOException e) {
            // the read or write failure being reported matters more
        }
    }

    /** The state the replay maintains (what field extraction reads). */
    public SyscallState state() {
        return state;
    }

    @Override
    public String progressText() {
        return reader.fileName();
    }

    @Override
    public void close() {
        reader.close();
        closeQuietly();
    }
}
