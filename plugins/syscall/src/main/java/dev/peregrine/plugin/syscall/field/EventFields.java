package dev.peregrine.plugin.syscall.field;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldType;
import dev.peregrine.plugin.syscall.event.EventDirection;
import dev.peregrine.plugin.syscall.event.EventInfo;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.event.FlagTables;
import dev.peregrine.plugin.syscall.event.ParamInfo;
import dev.peregrine.plugin.syscall.state.FdInfo;
import dev.peregrine.plugin.syscall.state.FdType;
import dev.peregrine.plugin.syscall.state.SyscallState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/** The {@code evt.*} fields of syscall events ({@code syscall-state.md} §8). */
final class EventFields {

    private static final int EF_CREATES_FD = 1;
    private static final int EF_USES_FD = 4;
    private static final int EF_READS_FROM_FD = 8;
    private static final int EF_WRITES_TO_FD = 16;
    private static final int EF_WAITS = 128;
    private static final int EC_IO_BASE = 32;
    private static final int EC_SOURCE_MASK = 512 | 1024 | 2048 | 4096 | 8192;
    private static final String[] CATEGORIES = {"unknown", "other", "file", "net", "IPC", "memory", "process",
        "sleep", "system", "signal", "user", "time", "processing"};
    /** {@code PPM_O_RDONLY}/{@code PPM_O_WRONLY} bits, {@code PPM_O_CREAT}, {@code PPM_O_TMPFILE}, {@code PPM_O_F_CREATED}. */
    private static final long O_RDONLY = 1;
    private static final long O_WRONLY = 2;
    private static final long O_CREAT = 4;
    private static final long O_TMPFILE = 8192;
    private static final long O_F_CREATED = 16384;
    private static final long EXEC_BITS = 0111;

    private final EventTable table;
    private final FlagTables flags;
    private final String hostname;
    private final ZoneId zone = ZoneId.systemDefault();

    EventFields(EventTable table, FlagTables flags, String hostname) {
        this.table = table;
        this.flags = flags;
        this.hostname = hostname;
    }

    /** The extractor of {@code name}, or null when it is not implemented. */
    StateExtractor bind(String name, FieldArgument argument) {
        return switch (name) {
            case "evt.num" -> (s, out) -> {
                out.addLong(s.event().number());
                return true;
            };
            case "evt.rawtime" -> (s, out) -> {
                out.addLong(s.event().timestampNanos());
                return true;
            };
            case "evt.rawtime.s" -> (s, out) -> {
                out.addLong(s.event().timestampNanos() / 1_000_000_000L);
                return true;
            };
            case "evt.rawtime.ns" -> (s, out) -> {
                out.addLong(s.event().timestampNanos() % 1_000_000_000L);
                return true;
            };
            case "evt.reltime" -> (s, out) -> {
                out.addLong(s.event().timestampNanos() - s.firstTimestamp());
                return true;
            };
            case "evt.reltime.s" -> (s, out) -> {
                out.addLong((s.event().timestampNanos() - s.firstTimestamp()) / 1_000_000_000L);
                return true;
            };
            case "evt.reltime.ns" -> (s, out) -> {
                out.addLong((s.event().timestampNanos() - s.firstTimestamp()) % 1_000_000_000L);
                return true;
            };
            case "evt.time" -> timeText(true, false, false);
            case "evt.time.s" -> timeText(false, false, false);
            case "evt.datetime" -> timeText(true, true, false);
            case "evt.datetime.s" -> timeText(false, true, false);
            case "evt.time.iso8601" -> timeText(true, true, true);
            case "evt.type" -> (s, out) -> {
                out.addString(typeName(s.event()));
                return true;
            };
            case "syscall.type" -> (s, out) -> {
                EventView e = s.event();
                if (!e.info().isSyscall()) {
                    return false;
                }
                out.addString(typeName(e));
                return true;
            };
            case "evt.dir" -> (s, out) -> {
                out.addString(s.event().info().direction() == EventDirection.ENTER ? ">" : "<");
                return true;
            };
            case "evt.cpu" -> (s, out) -> {
                out.addLong(s.event().cpu());
                return true;
            };
            case "evt.category" -> (s, out) -> {
                out.addString(category(s));
                return true;
            };
            case "evt.source" -> (s, out) -> {
                out.addString("syscall");
                return true;
            };
            case "evt.hostname" -> (s, out) -> {
                out.addString(s.hostname().isEmpty() ? hostname : s.hostname());
                return true;
            };
            case "evt.deltatime" -> (s, out) -> {
                out.addLong(s.event().timestampNanos() - s.previousTimestamp());
                return true;
            };
            case "evt.deltatime.s" -> (s, out) -> {
                out.addLong((s.event().timestampNanos() - s.previousTimestamp()) / 1_000_000_000L);
                return true;
            };
            case "evt.deltatime.ns" -> (s, out) -> {
                out.addLong((s.event().timestampNanos() - s.previousTimestamp()) % 1_000_000_000L);
                return true;
            };
            // exit-only streams have no enter timestamps: libsinsp reports 0 (the fields are deprecated)
            case "evt.latency", "evt.latency.s", "evt.latency.ns", "evt.latency.quantized", "evt.wait_latency" ->
                    (s, out) -> {
                        out.addLong(0);
                        return true;
                    };
            // likewise hardcoded by libsinsp (sinsp_filtercheck_event.cpp TYPE_LATENCY_HUMAN)
            case "evt.latency.human" -> (s, out) -> {
                out.addString("0ns");
                return true;
            };
            // libsinsp's time output mode; Falco keeps the default 'h', which prints like evt.time
            case "evt.outputtime" -> timeText(true, false, false);
            case "evt.is_syslog" -> (s, out) -> {
                FdInfo fd = s.fd();
                out.addBoolean((s.event().info().flags() & EF_WRITES_TO_FD) != 0 && fd != null
                        && fd.name().contains("/dev/log"));
                return true;
            };
            case "evt.rawarg" -> rawArg(argument);
            case "evt.infra.docker.name" -> infrastructure(InfrastructureEventText.Item.EVENT_NAME);
            case "evt.infra.docker.container.id" -> infrastructure(InfrastructureEventText.Item.CONTAINER_ID);
            case "evt.infra.docker.container.name" -> infrastructure(InfrastructureEventText.Item.CONTAINER_NAME);
            case "evt.infra.docker.container.image" -> infrastructure(InfrastructureEventText.Item.CONTAINER_IMAGE);
            // syscall events are no plugin or async events: these fields have no value on them
            case "evt.pluginname", "evt.plugininfo", "evt.asynctype" -> (s, out) -> false;
            case "evt.type.is" -> {
                String wanted = argument.text();
                long code = argument.isIndex() ? argument.index() : -1;
                yield (s, out) -> {
                    EventView e = s.event();
                    out.addLong(code >= 0 ? (e.type() == code ? 1 : 0) : typeName(e).equals(wanted) ? 1 : 0);
                    return true;
                };
            }
            case "evt.is_async" -> (s, out) -> {
                out.addBoolean(false);
                return true;
            };
            case "evt.args", "evt.info" -> args();
            case "evt.arg" -> arg(argument);
            case "evt.res" -> (s, out) -> {
                EventView e = s.event();
                if (!hasResult(e)) {
                    return false;
                }
                long res = e.paramSigned(0);
                if (res >= 0) {
                    out.addString("SUCCESS");
                } else {
                    String errno = ErrnoNames.of(res);
                    out.addString(errno == null ? Long.toString(res) : errno);
                }
                return true;
            };
            case "evt.rawres" -> (s, out) -> {
                EventView e = s.event();
                if (!hasResult(e)) {
                    return false;
                }
                out.addLong(e.paramSigned(0));
                return true;
            };
            case "evt.failed" -> (s, out) -> {
                EventView e = s.event();
                out.addBoolean(hasResult(e) && e.paramSigned(0) < 0);
                return true;
            };
            case "evt.is_io" -> flag(EF_READS_FROM_FD | EF_WRITES_TO_FD);
            case "evt.is_io_read" -> flag(EF_READS_FROM_FD);
            case "evt.is_io_write" -> flag(EF_WRITES_TO_FD);
            case "evt.is_wait" -> flag(EF_WAITS);
            case "evt.io_dir" -> (s, out) -> {
                int f = s.event().info().flags();
                if ((f & EF_READS_FROM_FD) != 0) {
                    out.addString("r");
                } else if ((f & EF_WRITES_TO_FD) != 0) {
                    out.addString("w");
                } else {
                    return false;
                }
                return true;
            };
            case "evt.buffer" -> (s, out) -> {
                EventView e = s.event();
                int p = paramIndex(e.info(), "data");
                if (p < 0 || p >= e.paramCount()) {
                    return false;
                }
                byte[] data = new byte[e.paramLength(p)];
                e.copyParam(p, data, 0);
                out.addBytes(data, 0, data.length);
                return true;
            };
            case "evt.buflen" -> (s, out) -> {
                EventView e = s.event();
                int f = e.info().flags();
                if ((f & (EF_READS_FROM_FD | EF_WRITES_TO_FD)) == 0 || !hasResult(e) || e.paramSigned(0) < 0
                        || s.fd() == null) {
                    return false;
                }
                out.addLong(e.paramSigned(0));
                return true;
            };
            case "evt.count" -> (s, out) -> {
                out.addLong(1);
                return true;
            };
            // the counters have a value only on the events they count (sinsp_filtercheck_event.cpp)
            case "evt.count.exit" -> (s, out) -> {
                if (s.event().info().direction() != EventDirection.EXIT) {
                    return false;
                }
                out.addLong(1);
                return true;
            };
            case "evt.count.procinfo" -> (s, out) -> {
                if (!s.event().info().name().equals("procinfo") || s.thread() == null || !s.thread().isMain()) {
                    return false;
                }
                out.addLong(1);
                return true;
            };
            case "evt.count.threadinfo" -> (s, out) -> {
                if (!s.event().info().name().equals("procinfo")) {
                    return false;
                }
                out.addLong(1);
                return true;
            };
            case "evt.count.error" -> errorCount(null);
            case "evt.count.error.file" -> errorCount("file");
            case "evt.count.error.net" -> errorCount("net");
            case "evt.count.error.memory" -> errorCount("memory");
            case "evt.count.error.other" -> errorCount("other");
            case "evt.buflen.in" -> buflen(EF_READS_FROM_FD, null);
            case "evt.buflen.out" -> buflen(EF_WRITES_TO_FD, null);
            case "evt.buflen.file" -> buflen(EF_READS_FROM_FD | EF_WRITES_TO_FD, "file");
            case "evt.buflen.file.in" -> buflen(EF_READS_FROM_FD, "file");
            case "evt.buflen.file.out" -> buflen(EF_WRITES_TO_FD, "file");
            case "evt.buflen.net" -> buflen(EF_READS_FROM_FD | EF_WRITES_TO_FD, "net");
            case "evt.buflen.net.in" -> buflen(EF_READS_FROM_FD, "net");
            case "evt.buflen.net.out" -> buflen(EF_WRITES_TO_FD, "net");
            case "evt.is_open_read" -> open((s, f, m) -> (f & O_RDONLY) != 0);
            case "evt.is_open_write" -> open((s, f, m) -> (f & O_WRONLY) != 0);
            case "evt.is_open_exec" -> open((s, f, m) -> (f & (O_CREAT | O_TMPFILE)) != 0 && (m & EXEC_BITS) != 0);
            case "evt.is_open_create" -> open((s, f, m) -> (f & O_F_CREATED) != 0
                    || ((f & O_TMPFILE) != 0 && s.event().paramSigned(0) >= 0));
            default -> null;
        };
    }

    /**
     * The name of an event's type; generic events are named by their syscall id. A generic exit whose id is
     * unknown but which carries the native syscall number (scap files: the converter copies it from the
     * enter event) is named through the native table, as libsinsp does in capture mode.
     */
    String typeName(EventView e) {
        int type = e.type();
        if (type <= 1 && e.paramCount() > 0 && !e.isParamEmpty(0)) {
            int id = e.paramU16(0);
            if (id == 0 && type == 1 && e.paramCount() > 1 && !e.isParamEmpty(1)) {
                id = table.ppmScOfNative(e.paramU16(1));
            }
            return id < table.syscallCodeCount() ? table.syscallName(id) : "unknown";
        }
        return e.info().name();
    }

    /**
     * An {@code evt.infra.docker.*} field: on legacy {@code infrastructure_event} events, one item of the
     * description parameter ({@link InfrastructureEventText}); absent on every other event.
     */
    private StateExtractor infrastructure(InfrastructureEventText.Item item) {
        int type = -1;
        for (EventInfo info : table.events()) {
            if (info.enumName().equals("PPME_INFRASTRUCTURE_EVENT_E")) {
                type = info.code();
            }
        }
        int infrastructureType = type;
        int description = infrastructureType < 0 ? -1 : paramIndex(table.info(infrastructureType), "description");
        return (s, out) -> {
            EventView e = s.event();
            if (e.type() != infrastructureType || description < 0 || description >= e.paramCount()) {
                return false;
            }
            String value = InfrastructureEventText.value(e.paramString(description), item);
            if (value == null) {
                return false;
            }
            out.addString(value);
            return true;
        };
    }

    private static boolean hasResult(EventView e) {
        EventInfo info = e.info();
        if (info.direction() != EventDirection.EXIT || info.params().isEmpty() || e.paramCount() == 0
                || e.isParamEmpty(0)) {
            return false;
        }
        String type = info.params().get(0).type();
        return type.equals("PT_ERRNO") || type.equals("PT_FD") || type.equals("PT_PID") || type.equals("PT_INT64")
                || (type.equals("PT_UINT64") && info.params().get(0).name().equals("res"));
    }

    private String category(SyscallState s) {
        EventView e = s.event();
        int low = e.info().category() & ~EC_SOURCE_MASK;
        if ((low & EC_IO_BASE) != 0) {
            FdInfo fd = s.fd();
            if (fd == null) {
                return "unknown";
            }
            FdType type = fd.type();
            if (type == FdType.FILE || type == FdType.DIRECTORY) {
                return "file";
            }
            if (type.isInet() || type == FdType.UNIX || type == FdType.NETLINK) {
                return "net";
            }
            return type == FdType.UNKNOWN ? "unknown" : "ipc";
        }
        if ((low & 64) != 0) {
            return "wait";
        }
        if ((low & 128) != 0) {
            return "scheduler";
        }
        if ((low & 256) != 0) {
            return "internal";
        }
        return low < CATEGORIES.length ? CATEGORIES[low] : "unknown";
    }

    /** 1 for a failed event (of the given category, or any when null), else 0. */
    private StateExtractor errorCount(String wantedCategory) {
        return (s, out) -> {
            EventView e = s.event();
            boolean failed = hasResult(e) && e.paramSigned(0) < 0;
            if (failed && wantedCategory != null) {
                String c = category(s);
                failed = wantedCategory.equals("other")
                        ? !c.equals("file") && !c.equals("net") && !c.equals("memory") : c.equals(wantedCategory);
            }
            out.addLong(failed ? 1 : 0);
            return true;
        };
    }

    /** The byte count of successful I/O in the given direction(s), on fds of the given category (any when null). */
    private StateExtractor buflen(int directions, String wantedCategory) {
        return (s, out) -> {
            EventView e = s.event();
            if ((e.info().flags() & directions) == 0 || !hasResult(e) || e.paramSigned(0) < 0 || s.fd() == null
                    || (wantedCategory != null && !wantedCategory.equals(category(s)))) {
                return false;
            }
            out.addLong(e.paramSigned(0));
            return true;
        };
    }

    private static StateExtractor flag(int bits) {
        return (s, out) -> {
            out.addBoolean((s.event().info().flags() & bits) != 0);
            return true;
        };
    }

    /** A test on the flags and mode of open-like exits. */
    @FunctionalInterface
    private interface OpenTest {
        boolean test(SyscallState s, long flags, long mode);
    }

    private StateExtractor open(OpenTest test) {
        return (s, out) -> {
            EventView e = s.event();
            EventInfo info = e.info();
            if (info.direction() != EventDirection.EXIT || !isOpen(info.enumName())) {
                out.addBoolean(false);
                return true;
            }
            int f = paramIndex(info, "flags");
            int m = paramIndex(info, "mode");
            long fl = f >= 0 && f < e.paramCount() && !e.isParamEmpty(f) ? e.paramUnsigned(f) : 0;
            long mode = m >= 0 && m < e.paramCount() && !e.isParamEmpty(m) ? e.paramUnsigned(m) : 0;
            if (info.enumName().equals("PPME_SYSCALL_CREAT_X")) {
                fl = O_CREAT | O_WRONLY;
            }
            out.addBoolean(test.test(s, fl, mode));
            return true;
        };
    }

    private static boolean isOpen(String enumName) {
        return switch (enumName) {
            case "PPME_SYSCALL_OPEN_X", "PPME_SYSCALL_OPENAT_2_X", "PPME_SYSCALL_OPENAT2_X",
                 "PPME_SYSCALL_OPEN_BY_HANDLE_AT_X", "PPME_SYSCALL_CREAT_X" -> true;
            default -> false;
        };
    }

    static int paramIndex(EventInfo info, String name) {
        List<ParamInfo> params = info.params();
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private StateExtractor args() {
        ParamRenderer renderer = new ParamRenderer(flags);
        PerEventText cache = new PerEventText();
        StringBuilder text = new StringBuilder(256);
        return (s, out) -> {
            EventView e = s.event();
            String value = cache.get(e);
            if (value == null) {
                text.setLength(0);
                if (e.type() > 1) {
                    renderer.appendArgs(s, e, text);
                }
                value = cache.put(e, text.toString());
            }
            out.addString(value);
            return true;
        };
    }

    /** {@code evt.arg[i]} or {@code evt.arg.NAME}; the name resolves per event type once, at bind time. */
    private StateExtractor arg(FieldArgument argument) {
        ParamRenderer renderer = new ParamRenderer(flags);
        PerEventText cache = new PerEventText();
        int[] byType = new int[table.size()];
        for (EventInfo info : table.events()) {
            byType[info.code()] = argument.isIndex()
                    ? (argument.index() < info.params().size() ? (int) argument.index() : -1)
                    : paramIndex(info, argument.text());
        }
        return (s, out) -> {
            EventView e = s.event();
            int p = byType[e.type()];
            if (p < 0 || p >= e.paramCount()) {
                return false;
            }
            String value = cache.get(e);
            if (value == null) {
                value = cache.put(e, renderer.argText(s, e, p));
            }
            out.addString(value);
            return true;
        };
    }

    /**
     * The value type of {@code evt.rawarg.NAME}: the type of the first parameter named NAME in the event
     * table (libsinsp {@code find_longest_matching_evt_param}), or null when no event has such a parameter.
     */
    FieldType rawArgType(String name) {
        for (EventInfo info : table.events()) {
            for (ParamInfo param : info.params()) {
                if (param.name().equals(name)) {
                    return RawArgs.fieldType(param.type());
                }
            }
        }
        return null;
    }

    /** {@code evt.rawarg.NAME}: the parameter of that name on the current event, as its raw typed value. */
    private StateExtractor rawArg(FieldArgument argument) {
        FieldType type = rawArgType(argument.text());
        if (type == null) {
            return null;
        }
        int[] byType = new int[table.size()];
        for (EventInfo info : table.events()) {
            byType[info.code()] = paramIndex(info, argument.text());
        }
        return (s, out) -> {
            EventView e = s.event();
            int p = byType[e.type()];
            if (p < 0 || p >= e.paramCount() || e.isParamEmpty(p)) {
                return false;
            }
            return RawArgs.write(e, p, type, out);
        };
    }

    private StateExtractor timeText(boolean nanos, boolean date, boolean iso) {
        PerEventText cache = new PerEventText();
        return (s, out) -> {
            EventView e = s.event();
            String value = cache.get(e);
            if (value == null) {
                value = cache.put(e, formatTime(e.timestampNanos(), nanos, date, iso));
            }
            out.addString(value);
            return true;
        };
    }

    private String formatTime(long ts, boolean nanos, boolean date, boolean iso) {
        Instant instant = Instant.ofEpochSecond(Math.floorDiv(ts, 1_000_000_000L), Math.floorMod(ts, 1_000_000_000L));
        ZonedDateTime t = instant.atZone(iso ? ZoneOffset.UTC : zone);
        StringBuilder out = new StringBuilder(32);
        if (date) {
            out.append(String.format("%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth()))
                    .append(iso ? 'T' : ' ');
        }
        out.append(String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
        if (nanos) {
            out.append(String.format(".%09d", t.getNano()));
        }
        if (iso) {
            out.append('Z');
        }
        return out.toString();
    }
}
