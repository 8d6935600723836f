/**
 * Reading .scap capture files ({@code syscall-events.md} §4).
 *
 * <p>{@link dev.peregrine.plugin.syscall.capture.CaptureReader} streams a capture through one reusable
 * buffer: it reads the section header and the metadata blocks when opened (exposed as
 * {@link dev.peregrine.plugin.syscall.capture.CaptureMetadata}: machine info, threads, fds, users,
 * groups, interfaces) and then returns one event per {@code next()} as a reused
 * {@link dev.peregrine.plugin.syscall.event.EventView}. Events come out as stored, numbered from 1
 * like sysdig 0.29 did; pass each through an {@link dev.peregrine.plugin.syscall.event.EventConverter}
 * to get the current layouts and current libsinsp numbering:
 *
 * <pre>{@code
 * EventConverter converter = new EventConverter();
 * try (CaptureReader reader = CaptureReader.open(path, EventTable.standard(), warnings::add)) {
 *     for (EventView raw = reader.next(); raw != null; raw = reader.next()) {
 *         EventView event = converter.convert(raw);   // null: consumed (stored enter, unused type)
 *         if (event != null) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Bad input ends the stream with a {@link dev.peregrine.plugin.syscall.capture.CaptureException}
 * whose message names the file, block and byte offset; every event before the damage has been
 * delivered by then. Unknown blocks and event types are skipped, counted and reported to the warning
 * sink, never dropped silently.
 */
package dev.peregrine.plugin.syscall.capture;
