/**
 * The collector: the shared, cumulative state of every loaded rules file and the one place that
 * implements define / append / override / enable semantics and exception merging.
 */
package dev.peregrine.platform.rules.collect;
