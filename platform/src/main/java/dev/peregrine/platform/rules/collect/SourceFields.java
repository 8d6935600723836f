package dev.peregrine.platform.rules.collect;

/** What the collector needs to know about event sources: which exist and which fields they offer. */
public interface SourceFields {

    /** True when a rule of this source can be compiled. */
    boolean knowsSource(String source);

    /**
     * True when {@code field} is a valid left-hand side for rules of {@code source}: a field
     * reference or a transformer expression over fields.
     */
    boolean isFieldDefined(String source, String field);
}
