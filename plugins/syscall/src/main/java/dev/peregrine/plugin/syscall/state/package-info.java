/**
 * The user-space copy of kernel state: threads, fd tables, users, containers, and the updaters that
 * apply each event to it before rules read it.
 *
 * <h2>Threads of a partitioned live capture</h2>
 *
 * <p>With {@code n > 1} partitions the probe puts every event of a process into ring {@code tgid % n} and
 * one host thread reads each ring. There is still one state: a {@link
 * dev.peregrine.plugin.syscall.state.SyscallState} created for {@code n} partitions is partition 0's
 * cursor, and {@code cursor(k)} gives the others. A cursor holds what is per event (current event,
 * thread, fd, pending removals, the stored enter event buffer); the tables behind it are shared. Who may
 * change what:
 * <ul>
 *   <li><b>Thread table</b> — a concurrent map (a primitive-keyed one when not partitioned, so replay and
 *       single-ring capture pay nothing). A partition inserts and removes the threads of its own
 *       processes; the children a clone exit announces are inserted by the parent's partition only when
 *       they belong to it (threads always do), otherwise the child's own clone exit, always the first
 *       event of the child in its own ring, creates it. Every partition reads every thread: parent
 *       lineage ({@code proc.pname}, {@code proc.aname[N]}) walks threads of other partitions. Removal
 *       only removes the entry it looked up, so a reused tid that another partition stored stays.</li>
 *   <li><b>Thread records</b> — changed only by the partition that carries the process, with one
 *       exception: an exit re-parents the children of the exiting process ({@code ptid}, volatile).
 *       Other partitions read records without locks and may see a record mid-update (one field new,
 *       another old); values are immutable strings and lists, so a read is never torn within a value.
 *       Cached renderings ({@code proc.cmdline}) remember what they were built from, so a racing reader
 *       cannot pin a stale text.</li>
 *   <li><b>Fd tables</b> — belong to a process, hence to one partition, which reads them without locks.
 *       Changes and whole-table copies lock the table, because a forked child's partition copies its
 *       parent's table from another thread.</li>
 *   <li><b>Users, groups, interfaces</b> — read-only after the {@code /proc} scan. <b>Containers</b> from
 *       meta events — a concurrent map.</li>
 * </ul>
 *
 * <p>Ordering: within a partition, events are applied in ring order. Across partitions, the live stream
 * makes process-lifecycle events (clone, execve, exit) wait until the other partitions have applied and
 * evaluated every older event ({@code live.PartitionClock}), so a child finds its parent and an exit does
 * not re-parent a child whose older events are still being evaluated. Other events do not wait and may
 * see another partition's state slightly ahead of their own timestamp.
 */
package dev.peregrine.plugin.syscall.state;
