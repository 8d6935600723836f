package dev.peregrine.plugin.syscall.field;

import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.state.SyscallState;
import dev.peregrine.plugin.syscall.state.ThreadInfo;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The stateful {@code thread.*} time fields of libsinsp's thread filtercheck: CPU time slices measured
 * between scheduler switch events, and CPU usage from the counters of procinfo events. As in libsinsp,
 * every bound field keeps its own history; a value is computed once per event, so a condition and an
 * output that share a binding see the same number.
 */
final class ThreadTimeFields {

    private ThreadTimeFields() {
    }

    /** {@code thread.exectime}: time since the previous switch on the same CPU, on switch events; else 0. */
    static StateExtractor execTime() {
        SwitchClock clock = new SwitchClock();
        long[] cached = {-1, 0};
        return (s, out) -> {
            if (s.thread() == null) {
                return false;
            }
            EventView e = s.event();
            if (cached[0] != e.number()) {
                cached[0] = e.number();
                cached[1] = clock.slice(e);
            }
            out.addLong(cached[1]);
            return true;
        };
    }

    /** {@code thread.totexectime}: the thread's switch slices accumulated by this binding. */
    static StateExtractor totalExecTime() {
        SwitchClock clock = new SwitchClock();
        Map<Long, long[]> totals = new HashMap<>();
        long[] cached = {-1, 0};
        return (s, out) -> {
            ThreadInfo t = s.thread();
            if (t == null) {
                return false;
            }
            EventView e = s.event();
            if (cached[0] != e.number()) {
                long[] total = totals.computeIfAbsent(t.tid(), k -> new long[1]);
                total[0] += clock.slice(e);
                cached[0] = e.number();
                cached[1] = total[0];
            }
            out.addLong(cached[1]);
            return true;
        };
    }

    /**
     * {@code thread.cpu}, {@code .user}, {@code .system}: on procinfo events, the growth of the thread's
     * CPU counters (user, system or both) since its previous procinfo event, capped at 100; 0 the first time.
     */
    static StateExtractor cpu(boolean user, boolean system) {
        Map<Long, long[]> last = new HashMap<>();
        long[] cachedEvent = {-1};
        double[] cached = {0};
        return (s, out) -> {
            ThreadInfo t = s.thread();
            EventView e = s.event();
            if (t == null || !e.info().name().equals("procinfo") || e.paramCount() < 2) {
                return false;
            }
            if (cachedEvent[0] != e.number()) {
                long total = (user ? e.paramUnsigned(0) : 0) + (system ? e.paramUnsigned(1) : 0);
                long[] previous = last.computeIfAbsent(t.tid(), k -> new long[1]);
                cached[0] = previous[0] == 0 ? 0 : Math.min(100.0, (double) (total - previous[0]));
                previous[0] = total;
                cachedEvent[0] = e.number();
            }
            out.addDouble(cached[0]);
            return true;
        };
    }

    /** The last switch time per CPU, as libsinsp's {@code extract_exectime} keeps it. */
    private static final class SwitchClock {
        private long[] lastSwitch = new long[8];

        /** The slice that ends with {@code e} when it is a switch event (0 for the first on its CPU), else 0. */
        long slice(EventView e) {
            if (!e.info().name().equals("switch")) {
                return 0;
            }
            int cpu = e.cpu();
            if (cpu < 0) {
                return 0;
            }
            if (cpu >= lastSwitch.length) {
                lastSwitch = Arrays.copyOf(lastSwitch, Math.max(cpu + 1, lastSwitch.length * 2));
            }
            long ts = e.timestampNanos();
            long previous = lastSwitch[cpu];
            lastSwitch[cpu] = ts;
            return previous == 0 ? 0 : ts - previous;
        }
    }
}
