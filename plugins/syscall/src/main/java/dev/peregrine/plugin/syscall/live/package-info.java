/**
 * Live engines: the {@code modern_ebpf} probe's ring buffers read in place. One ring gives a
 * {@link dev.peregrine.plugin.syscall.live.LiveCapture} that merges nothing; several rings give a
 * {@link dev.peregrine.plugin.syscall.live.PartitionedLiveCapture} whose partitions (one
 * {@code LiveCapture} per ring, each with its own state cursor) the host reads on one thread each, with
 * lifecycle events ordered across partitions by a {@link dev.peregrine.plugin.syscall.live.PartitionClock}.
 * Writing a capture file ({@code -w}) keeps one ring: the file is one time-ordered stream.
 */
package dev.peregrine.plugin.syscall.live;
