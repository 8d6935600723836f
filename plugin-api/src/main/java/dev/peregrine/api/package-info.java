/**
 * The Peregrine plugin SPI: everything a plugin may see of the platform.
 *
 * <p>A plugin jar contributes one {@link dev.peregrine.api.FalcoPlugin} extension. The host reads
 * its {@link dev.peregrine.api.PluginInfo} and field table, then calls
 * {@link dev.peregrine.api.FalcoPlugin#init} once per event source the plugin is attached to
 * (Falco keeps one plugin state per source), and uses the returned
 * {@link dev.peregrine.api.PluginInstance} to open event streams and bind fields. Only types of
 * this package, the JDK and PF4J cross the class-loader boundary.
 *
 * <h2>Partitioned streams</h2>
 *
 * <p>A stream whose events come from several independent queues (the live syscall source: one kernel
 * ring buffer per group of processes) may return them from
 * {@link dev.peregrine.api.EventStream#partitions()}. The host then never calls {@code nextBatch} on the
 * parent stream; it starts one thread per partition (named {@code source-<source>-<index>}) and, on each,
 * reads that partition exactly as it reads an ordinary stream. The contract:
 * <ul>
 *   <li><b>Order.</b> The events of one partition reach the rules in the order the partition delivers
 *       them. Events of different partitions are evaluated concurrently and in no defined order
 *       relative to each other; a plugin chooses its partitioning so that events whose order matters
 *       (those of one process) share a partition.</li>
 *   <li><b>Threads.</b> A partition's {@code nextBatch} is always called from its own host thread. A
 *       {@link dev.peregrine.api.FieldHandle} is called for an event only on the thread that received
 *       that event, between the {@code nextBatch} that delivered it and the next call on the same
 *       partition. The host binds a separate set of handles for every partition thread (it calls
 *       {@link dev.peregrine.api.PluginInstance#bindField} again for each), so a handle may keep
 *       per-call scratch state; state the plugin shares between partitions is the plugin's to guard.</li>
 *   <li><b>Status.</b> {@code TIMEOUT} and {@code EOF} concern only the partition that returned
 *       them: the source ends when every partition has ended. An exception from any partition stops
 *       every source, as a failing unpartitioned stream does.</li>
 *   <li><b>Lifetime.</b> The host closes only the parent stream, once, after every partition thread
 *       has returned; the parent's {@code close} releases the partitions. Counters that describe the
 *       whole source ({@link dev.peregrine.api.EventStream#driverDrops}, progress) are read from the
 *       parent; the host sums its own per-partition event counts.</li>
 * </ul>
 *
 * <p>New capabilities arrive as {@code default} methods, so plugins built against an older API
 * keep loading.
 */
package dev.peregrine.api;
