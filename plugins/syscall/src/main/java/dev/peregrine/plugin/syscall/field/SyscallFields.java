package dev.peregrine.plugin.syscall.field;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.FlagTables;

/**
 * Binds syscall fields to extractors over the replay state, one family class per field prefix. Fields
 * no family implements yet keep a {@link PendingExtractionHandle}, which fails loudly when used.
 */
public final class SyscallFields {

    private final EventFields events;
    private final ProcessFields processes = new ProcessFields();
    private final FdFields fds;
    private final UserFields users = new UserFields();
    private final FsPathFields paths;

    /** Fields over the state that comes with each {@code SyscallEvent}. */
    public SyscallFields() {
        FlagTables flags = FlagTables.standard();
        this.events = new EventFields(EventTable.standard(), flags, "");
        this.fds = new FdFields(flags);
        this.paths = new FsPathFields(EventTable.standard(), flags);
    }

    /**
     * A handle for {@code field} with {@code argument} (already checked against the field's argument form).
     *
     * @throws PluginException with libsinsp's message when the argument names no event parameter
     *         ({@code evt.rawarg.NAME}), or for {@code evt.around}, which cannot be expressed
     */
    public FieldHandle bind(FieldSpec field, FieldArgument argument) throws PluginException {
        String name = field.name();
        if (name.equals("evt.rawarg")) {
            FieldType type = events.rawArgType(argument.text());
            if (type == null) {
                throw new PluginException("unknown event argument " + argument.text());
            }
            return new StateFieldHandle(events.bind(name, argument), type);
        }
        if (name.equals("evt.around")) {
            // libsinsp compares evt.around[T]=D as |ts - T| <= D ms inside its filtercheck; our conditions
            // compare extracted values, so the field cannot be expressed (Falco rules do not use it)
            throw new PluginException("field evt.around is not supported: Peregrine conditions cannot express its"
                    + " time-window comparison (evt.around[T]=D)");
        }
        StateExtractor extractor = null;
        if (name.startsWith("fs.path.") || name.equals("evt.abspath")) {
            extractor = paths.bind(name, argument);
        } else if (name.startsWith("evt.") || name.startsWith("syscall.")) {
            extractor = events.bind(name, argument);
        } else if (name.startsWith("proc.") || name.startsWith("thread.")) {
            extractor = processes.bind(name, argument);
        } else if (name.startsWith("fd.")) {
            extractor = fds.bind(name, argument);
        } else if (name.startsWith("user.") || name.startsWith("group.")) {
            extractor = users.bind(name);
        }
        if (extractor == null) {
            return new PendingExtractionHandle(name);
        }
        return new StateFieldHandle(extractor);
    }

    /** True when {@link #bind} gives a working handle for {@code field} (the rest are listed as pending). */
    public boolean isImplemented(FieldSpec field) {
        if (field.name().equals("evt.rawarg")) {
            return true;
        }
        try {
            return !(bind(field, FieldArgument.none()) instanceof PendingExtractionHandle);
        } catch (PluginException e) {
            return true;
        }
    }
}
