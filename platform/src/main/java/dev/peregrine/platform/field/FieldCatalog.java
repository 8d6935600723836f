package dev.peregrine.platform.field;

import dev.peregrine.api.EventTypeCatalog;
import dev.peregrine.api.FieldSpec;
import java.util.List;
import java.util.Optional;

/** The fields usable in rules of one event source, from every extractor attached to it. */
public interface FieldCatalog {

    /** The event source, e.g. {@code syscall} or {@code k8s_audit}. */
    String source();

    /**
     * Binds a field reference as written in a rule.
     *
     * @param name     dotted name as written, possibly longer than the declared field
     *                 (the longest declared name that prefixes it wins)
     * @param argument bracket argument, or null when there were no brackets
     * @throws FieldResolutionException with Falco's message, e.g.
     *         {@code filter_check called with nonexistent field proc.nobody}
     */
    ResolvedField resolve(String name, String argument) throws FieldResolutionException;

    /** True when {@code name} (without argument) names a field of this source. */
    boolean knows(String name);

    /** Every declared field, for listings. */
    List<FieldSpec> fields();

    /** The source's event types, when it declares them (syscall does). */
    Optional<EventTypeCatalog> eventTypes();

    /**
     * A catalogue of the same fields whose {@link #resolve} binds handles of its own, for rules compiled
     * again for another thread that evaluates this source concurrently (a partition worker). The default
     * shares this catalogue's handles, which suits catalogues whose handles keep no per-call state.
     */
    default FieldCatalog forWorker() {
        return this;
    }
}
