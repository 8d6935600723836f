/**
 * Event loops: one thread per enabled source pulls batches from its plugin's stream into a pooled
 * host batch and hands the events to an {@link dev.peregrine.platform.source.EventSink}. A partitioned
 * stream gets one loop per partition, each with its own batch and its own partition sink.
 */
package dev.peregrine.platform.source;
