package dev.peregrine.plugin.syscall.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.Event;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.plugin.syscall.ContainerPlugin;
import dev.peregrine.plugin.syscall.SharedSpecs;
import dev.peregrine.plugin.syscall.SyscallPlugin;
import dev.peregrine.plugin.syscall.event.EventDirection;
import dev.peregrine.plugin.syscall.event.EventInfo;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.event.ParamInfo;
import dev.peregrine.plugin.syscall.state.SyscallEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Field values of exit events against sysdig 0.29's dumps in {@code compat/oracle/}. Rows pair by
 * timestamp (event numbers differ: sysdig numbered enter events too). A cell either agrees,
 * or differs for a {@link Reason} listed in {@link #REASONS}: a behaviour of current libsinsp that the
 * 2022 oracle predates (justified, with the libsinsp source that shows it), or a known deviation of ours
 * (counted against the agreement). A difference without a reason fails the test, and so does an
 * agreement (raw plus justified) below {@link #REQUIRED_AGREEMENT}.
 */
class OracleComparisonTest {

    /** Share of exit-event cells that must agree with sysdig 0.29 or differ as current libsinsp does. */
    private static final double REQUIRED_AGREEMENT = 0.99;

    private static final List<String> CAPTURES = List.of("cat_write", "connect_localhost", "open-multiple-files",
            "ping_sendto", "syscall");

    /** Columns compared: the oracle's columns minus evt.num and evt.dir, which differ by design. */
    private static final List<String> FIELDS = List.of("evt.rawtime", "evt.type", "evt.res", "proc.pid", "proc.name",
            "proc.exe", "proc.cmdline", "proc.pname", "proc.aname[2]", "user.name", "user.uid", "fd.num", "fd.type",
            "fd.name", "fd.directory", "fd.filename", "fd.sip", "fd.sport", "fd.l4proto", "evt.args", "container.id");

    /** No value, as the oracle writes it. */
    private static final String NONE = "\\N";

    /** Whether a differing cell is explained by a reason. */
    @FunctionalInterface
    interface CellTest {
        boolean applies(EventInfo event, String field, String want, String got);
    }

    /** Who a difference is owed to: current libsinsp (justified) or us (a deviation still to fix). */
    enum Owner { LIBSINSP, OURS }

    /** Why cells may differ from sysdig 0.29; {@code reference} names the libsinsp source that shows it. */
    record Reason(String name, Owner owner, String reference, CellTest test) {
    }

    static final List<Reason> REASONS = List.of(
            new Reason("generic exit of an unknown syscall id is named by its native number", Owner.LIBSINSP,
                    "sinsp_filtercheck_event.cpp TYPE_TYPE: a PPME_GENERIC_X of PPM_SC_UNKNOWN from a capture is"
                            + " named through its nativeID parameter (added by the converter from the enter event) and"
                            + " scap_native_id_to_ppm_sc of the replaying host (x86_64); sysdig 0.29 printed <unknown>",
                    (e, field, want, got) -> e.enumName().equals("PPME_GENERIC_X") && field.equals("evt.type")
                            && want.equals("<unknown>") && !got.equals("unknown")),
            new Reason("unknown uid renders <NA>", Owner.LIBSINSP,
                    "threadinfo.cpp sinsp_threadinfo::get_user: a uid without a user table entry gets name <NA>"
                            + " (root for uid 0); sysdig 0.29 gave no value",
                    (e, field, want, got) -> field.equals("user.name") && want.equals(NONE) && got.equals("<NA>")),
            new Reason("no space after the last argument", Owner.LIBSINSP,
                    "sinsp_filtercheck_event.cpp TYPE_ARGS removes the space after the last argument"
                            + " (m_strstorage.pop_back()); sysdig 0.29 kept it",
                    (e, field, want, got) -> field.equals("evt.args") && want.equals(got + " ")),
            new Reason("converter appends enter parameters", Owner.LIBSINSP,
                    "libscap savefile converter (engine/savefile/converter/table.cpp, C_ACTION_ADD_PARAMS) upgrades"
                            + " old exits to the current event table; sinsp_evt::get_param_as_str prints the added"
                            + " params (empty ones as <NA>); no space after the last argument",
                    (e, field, want, got) -> field.equals("evt.args") && appendsTrailingParams(e, want, got + " ")),
            new Reason("mmap exits use an fd", Owner.LIBSINSP,
                    "driver/event_table.c: PPME_SYSCALL_MMAP_X carries EF_USES_FD and its fd param; parsers.cpp"
                            + " sinsp_parser::reset takes the fd from get_exit_event_fd_location",
                    (e, field, want, got) -> e.enumName().equals("PPME_SYSCALL_MMAP_X") && field.startsWith("fd.")
                            && want.equals(NONE)),
            new Reason("send* on an unknown fd infers a udp socket", Owner.LIBSINSP,
                    "parsers.cpp sinsp_parser::infer_send_sendto_sendmsg_fdinfo adds an AF_INET SOCK_DGRAM/UDP fd"
                            + " and parse_write_exit fills it from the tuple; sysdig 0.29 had no fd entry",
                    (e, field, want, got) -> (e.enumName().equals("PPME_SOCKET_SENDMSG_X")
                            || e.enumName().equals("PPME_SOCKET_SENDTO_X")) && field.startsWith("fd.")
                            && want.equals(nullFdRendering(field))),
            new Reason("socket(AF_INET, SOCK_STREAM, 0) is tcp", Owner.LIBSINSP,
                    "parsers.cpp sinsp_parser::add_socket maps IPPROTO_IP with SOCK_STREAM to SCAP_L4_TCP; the"
                            + " PT_FD rendering then adds the l4 char (<4t>)",
                    (e, field, want, got) -> e.enumName().equals("PPME_SOCKET_SOCKET_X")
                            && (field.equals("fd.l4proto") && want.equals("<NA>") && got.equals("tcp")
                            || field.equals("evt.args") && want.contains("(<4>)")
                            && (want.replace("(<4>)", "(<4t>)").equals(got + " ")
                            || appendsTrailingParams(e, want.replace("(<4>)", "(<4t>)"), got + " ")))));

    /** What libsinsp gives for an fd field when the event's fd has no table entry (the sysdig 0.29 values). */
    private static String nullFdRendering(String field) {
        return switch (field) {
            case "fd.name" -> "";
            case "fd.directory" -> "/";
            default -> NONE;
        };
    }

    /**
     * True when {@code got} is {@code want} followed by {@code name=value} pairs of the event's last
     * parameters, in table order: what the converter appends to an old exit event.
     */
    static boolean appendsTrailingParams(EventInfo e, String want, String got) {
        if (!got.startsWith(want) || got.length() == want.length()) {
            return false;
        }
        String suffix = got.substring(want.length());
        List<ParamInfo> params = e.params();
        // the parameters sysdig printed: a prefix of the table's, in order
        int printed = 0;
        int in = 0;
        while (printed < params.size()) {
            String name = params.get(printed).name() + "=";
            int at = printed == 0 ? (want.startsWith(name) ? 0 : -1) : want.indexOf(" " + name, in);
            if (at < 0) {
                break;
            }
            in = at + 1;
            printed++;
        }
        int first = printed;
        if (first == 0 || first >= params.size() || !suffix.startsWith(params.get(first).name() + "=")) {
            return false;
        }
        int at = 0;
        for (int i = first + 1; i < params.size(); i++) {
            int next = suffix.indexOf(" " + params.get(i).name() + "=", at);
            if (next < 0) {
                return false;
            }
            at = next + 1;
        }
        return true;
    }

    /** Cells of one or more captures: compared, agreeing, differing per (field, reason), unexplained ones. */
    record Tally(int compared, int agreed, Map<String, Integer> differences, int justified, List<String> unexplained,
                 int unpairedOracleRows) {

        Tally plus(Tally other) {
            Map<String, Integer> merged = new TreeMap<>(differences);
            other.differences.forEach((k, v) -> merged.merge(k, v, Integer::sum));
            List<String> all = new ArrayList<>(unexplained);
            all.addAll(other.unexplained);
            return new Tally(compared + other.compared, agreed + other.agreed, merged, justified + other.justified,
                    all, unpairedOracleRows + other.unpairedOracleRows);
        }

        double raw() {
            return compared == 0 ? 1 : (double) agreed / compared;
        }

        double rawPlusJustified() {
            return compared == 0 ? 1 : (double) (agreed + justified) / compared;
        }

        String summary(String what) {
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "oracle %s: %d cells, raw agreement %d (%.2f%%),"
                    + " raw + justified by current libsinsp %d (%.2f%%), unpaired oracle exit rows %d%n", what,
                    compared, agreed, 100 * raw(), agreed + justified, 100 * rawPlusJustified(), unpairedOracleRows));
            differences.forEach((k, v) -> text.append(String.format(Locale.ROOT, "  %5d  %s%n", v, k)));
            return text.toString();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cat_write", "connect_localhost", "open-multiple-files", "ping_sendto", "syscall"})
    void everyDifferingExitEventCellHasAListedReason(String capture) throws IOException, PluginException {
        Tally tally = compare(capture);
        System.out.print(tally.summary(capture));
        tally.unexplained().stream().limit(40).forEach(System.out::println);
        assertTrue(tally.compared() > 0, "no exit event of " + capture + " paired with the oracle");
        assertEquals(0, tally.unpairedOracleRows(), "oracle exit rows without a matching event of ours");
        assertTrue(tally.unexplained().isEmpty(), tally.unexplained().size() + " unexplained differences, first: "
                + tally.unexplained().subList(0, Math.min(10, tally.unexplained().size())));
    }

    @Test
    void exitEventCellsAgreeWithSysdigOrCurrentLibsinspOnAtLeast99Percent() throws IOException, PluginException {
        Tally total = new Tally(0, 0, Map.of(), 0, List.of(), 0);
        for (String capture : CAPTURES) {
            total = total.plus(compare(capture));
        }
        System.out.print(total.summary("all captures"));
        for (Reason reason : REASONS) {
            System.out.println("  reason [" + reason.name() + "] " + reason.owner() + ": " + reason.reference());
        }
        assertTrue(total.compared() > 1000, "too few cells compared: " + total.compared());
        assertTrue(total.rawPlusJustified() >= REQUIRED_AGREEMENT, total.summary("all captures"));
    }

    @Test
    void appendedParametersMustBeTheEventsTrailingParametersInOrder() {
        EventInfo open = dev.peregrine.plugin.syscall.event.EventTable.standard().events().stream()
                .filter(i -> i.enumName().equals("PPME_SYSCALL_OPEN_X")).findFirst().orElseThrow();
        String want = "fd=3(<f>/tmp/a) name=/tmp/a flags=1(O_RDONLY) mode=0 ";
        assertTrue(appendsTrailingParams(open, want, want + "dev=<NA> ino=<NA> "));
        assertTrue(!appendsTrailingParams(open, want, want + "ino=<NA> dev=<NA> "), "out of order");
        assertTrue(!appendsTrailingParams(open, want, want + "extra=1 "), "not a parameter of the event");
        assertTrue(!appendsTrailingParams(open, want, want), "nothing appended");
    }

    private static Tally compare(String capture) throws IOException, PluginException {
        Path scap = SharedSpecs.require("compat/legacy/trace_files/" + capture + ".scap");
        Path oracle = SharedSpecs.require("compat/oracle/" + capture + ".tsv");
        Map<String, Map<String, String>> expected = readOracle(oracle);

        SyscallPlugin plugin = new SyscallPlugin();
        PluginInstance instance = plugin.init(null, "");
        ContainerPlugin containerPlugin = new ContainerPlugin();
        PluginInstance containers = containerPlugin.init(null, "");
        Map<String, FieldHandle> handles = new LinkedHashMap<>();
        for (String field : FIELDS) {
            handles.put(field, field.startsWith("container.") ? bind(containerPlugin, containers, field)
                    : bind(plugin, instance, field));
        }
        int compared = 0;
        int agreed = 0;
        int justified = 0;
        Map<String, Integer> differences = new TreeMap<>();
        List<String> unexplained = new ArrayList<>();
        Set<String> paired = new java.util.HashSet<>();
        try (EventStream stream = instance.open(scap.toString())) {
            List<Event> current = new ArrayList<>();
            EventBatch batch = new EventBatch() {
                @Override
                public int remaining() {
                    return 1;
                }

                @Override
                public boolean add(long timestampNanos, byte[] payload) {
                    return false;
                }

                @Override
                public boolean add(Event event) {
                    current.add(event);
                    return true;
                }
            };
            while (stream.nextBatch(batch) != BatchStatus.EOF) {
                for (Event event : current) {
                    EventView view = ((SyscallEvent) event).view();
                    if (view.info().direction() != EventDirection.EXIT) {
                        continue;
                    }
                    String key = Long.toString(view.timestampNanos());
                    Map<String, String> row = expected.get(key);
                    if (row == null) {
                        continue;
                    }
                    paired.add(key);
                    for (String field : FIELDS) {
                        String want = row.get(field);
                        String got = value(handles.get(field), event);
                        compared++;
                        if (want.equals(got)) {
                            agreed++;
                            continue;
                        }
                        Reason reason = REASONS.stream()
                                .filter(r -> r.test().applies(view.info(), field, want, got)).findFirst().orElse(null);
                        String label = reason == null ? "UNEXPLAINED" : reason.owner() + " " + reason.name();
                        differences.merge(String.format(Locale.ROOT, "%-14s %s", field, label), 1, Integer::sum);
                        if (reason == null) {
                            unexplained.add(view.number() + " " + view.info().enumName() + " " + field + ": oracle ["
                                    + want + "] got [" + got + "]");
                        } else if (reason.owner() == Owner.LIBSINSP) {
                            justified++;
                        }
                    }
                }
                current.clear();
            }
        }
        List<String> unpairedKeys = expected.keySet().stream().filter(k -> !paired.contains(k)).sorted().toList();
        unpairedKeys.forEach(k -> System.out.println("unpaired oracle exit row " + capture + ": " + k));
        int unpaired = unpairedKeys.size();
        return new Tally(compared, agreed, differences, justified, unexplained, unpaired);
    }

    private static FieldHandle bind(FalcoPlugin plugin, PluginInstance instance, String reference)
            throws PluginException {
        int bracket = reference.indexOf('[');
        String name = bracket < 0 ? reference : reference.substring(0, bracket);
        FieldArgument argument = bracket < 0 ? FieldArgument.none()
                : FieldArgument.of(reference.substring(bracket + 1, reference.length() - 1));
        FieldSpec spec = plugin.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
        return instance.bindField(spec, argument);
    }

    private static String value(FieldHandle handle, Event event) {
        TextSink sink = new TextSink();
        return sink.text(handle.extract(event, sink));
    }

    /** Exit rows keyed by timestamp (unique in these captures); cells unescaped except {@code \N}. */
    private static Map<String, Map<String, String>> readOracle(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).substring(1).split("\t", -1);
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i].equals(NONE) ? cells[i] : unescape(cells[i]));
            }
            if ("<".equals(row.get("evt.dir"))) {
                if (rows.put(row.get("evt.rawtime"), row) != null) {
                    throw new IllegalStateException(file + ": two exit rows at " + row.get("evt.rawtime"));
                }
            }
        }
        return rows;
    }

    private static String unescape(String cell) {
        StringBuilder out = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == '\\' && i + 1 < cell.length()) {
                char n = cell.charAt(++i);
                out.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
