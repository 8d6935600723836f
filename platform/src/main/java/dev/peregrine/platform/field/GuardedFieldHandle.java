package dev.peregrine.platform.field;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.ValueSink;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plugin's field handle behind a guard: an exception thrown by plugin code while extracting makes
 * the field absent for that event (Falco treats a failed extraction the same way), is counted, and
 * its first message is kept so the run can report it with the plugin's name. The event and the
 * engine carry on.
 */
final class GuardedFieldHandle implements FieldHandle {

    private final FieldHandle delegate;
    private final String field;
    private final String provider;
    private final AtomicLong failures = new AtomicLong();
    private volatile String firstFailure;

    GuardedFieldHandle(FieldHandle delegate, String field, String provider) {
        this.delegate = delegate;
        this.field = field;
        this.provider = provider;
    }

    @Override
    public boolean extract(Event event, ValueSink out) {
        try {
            return delegate.extract(event, out);
        } catch (RuntimeException | LinkageError e) {
            if (failures.getAndIncrement() == 0) {
                firstFailure = String.valueOf(e.getMessage() == null ? e : e.getMessage());
            }
            return false;
        }
    }

    /** The failures so far, or null when there were none. */
    ExtractionFailure failure() {
        long count = failures.get();
        return count == 0 ? null : new ExtractionFailure(provider, field, count, firstFailure);
    }
}
