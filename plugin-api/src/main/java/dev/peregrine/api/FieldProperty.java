package dev.peregrine.api;

/** Display properties of a field, as in Falco's plugin field table. */
public enum FieldProperty {
    /** Omitted from field listings. */
    HIDDEN,
    /** Appended to a capture viewer's info column. */
    INFO,
    /** Endpoint of a conversation in a capture viewer. */
    CONVERSATION,
    /** Usable in conditions but never printed (libsinsp filter-only). */
    FILTER_ONLY,
    /** Printed in outputs only, not usable in conditions. */
    PRINT_ONLY,
    /** Kept for compatibility; rules should not use it. */
    DEPRECATED
}
