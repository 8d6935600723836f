package dev.peregrine.plugin.syscall.field;

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
import dev.peregrine.plugin.syscall.SharedSpecs;
import dev.peregrine.plugin.syscall.ContainerPlugin;
import dev.peregrine.plugin.syscall.SyscallPlugin;
import dev.peregrine.plugin.syscall.event.EventDirection;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.state.SyscallEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Field values of exit events against sysdig 0.29's dumps in {@code compat/oracle/}. Rows pair by
 * timestamp and type (event numbers differ: sysdig numbered enter events too). Cells where current
 * libsinsp deliberately differs from sysdig 0.29 are listed in {@link #KNOWN_DIFFERENCES} with the
 * reason; every other cell must agree.
 */
class OracleComparisonTest {

    /** Columns compared: the oracle's columns minus evt.num and evt.dir, which differ by design. */
    private static final List<String> FIELDS = List.of("evt.rawtime", "evt.type", "evt.res", "proc.pid", "proc.name",
            "proc.exe", "proc.cmdline", "proc.pname", "proc.aname[2]", "user.name", "user.uid", "fd.num", "fd.type",
            "fd.name", "fd.directory", "fd.filename", "fd.sip", "fd.sport", "fd.l4proto", "evt.args", "container.id");

    /**
     * Why a cell may differ from sysdig 0.29, or null when it must agree. Each rule is a behaviour of
     * current libsinsp that the 2022 oracle predates:
     * <ul>
     *   <li>user.name of a uid never seen is {@code <NA>} (sysdig 0.29: no value);</li>
     *   <li>fd.directory of an event whose fd is unknown has no value (sysdig 0.29: {@code /});</li>
     *   <li>evt.args carries the enter parameters the converter appends to old exit events, so sysdig's
     *       text is a prefix of ours;</li>
     *   <li>mmap exits are fd-using in the current event table, so their fd.* fields have values;</li>
     *   <li>a sendmsg/sendto with a tuple on an unknown fd creates a UDP socket entry;</li>
     *   <li>socket(AF_INET, SOCK_STREAM, 0) is a tcp socket ({@code <4t>}, fd.l4proto tcp).</li>
     * </ul>
     */
    static String knownDifference(String event, String field, String want, String got) {
        if (field.equals("user.name") && want.equals("\\N") && got.equals("<NA>")) {
            return "unknown uid";
        }
        if (field.equals("fd.directory") && want.equals("/") && got.equals("\\N")) {
            return "no fd entry";
        }
        if (field.equals("evt.args") && got.startsWith(want)) {
            return "converter-appended parameters";
        }
        if (field.startsWith("fd.") && event.equals("PPME_SYSCALL_MMAP_X") && want.equals("\\N")) {
            return "mmap uses an fd";
        }
        if (field.startsWith("fd.") && (event.equals("PPME_SOCKET_SENDMSG_X") || event.equals("PPME_SOCKET_SENDTO_X"))) {
            return "send on an unknown fd creates a socket";
        }
        if (event.equals("PPME_SOCKET_SOCKET_X") && (field.equals("fd.l4proto") && got.equals("tcp")
                || field.equals("evt.args") && got.startsWith(want.replace("(<4>)", "(<4t>)").strip()))) {
            return "protocol 0 stream socket is tcp";
        }
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cat_write", "connect_localhost", "open-multiple-files", "ping_sendto", "syscall"})
    void exitEventFieldsAgreeWithTheOracle(String capture) throws IOException, PluginException {
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
        Map<String, Integer> mismatchesByField = new HashMap<>();
        List<String> unexpected = new ArrayList<>();
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
                    Map<String, String> row = expected.get(view.timestampNanos() + " " + value(handles.get("evt.type"), event));
                    if (row == null) {
                        continue;
                    }
                    for (String field : FIELDS) {
                        String want = row.get(field);
                        String got = value(handles.get(field), event);
                        compared++;
                        if (want.equals(got)) {
                            agreed++;
                        } else {
                            mismatchesByField.merge(field, 1, Integer::sum);
                            if (knownDifference(view.info().enumName(), field, want, got) == null) {
                                unexpected.add(view.number() + " " + view.info().enumName() + " " + field + ": oracle [" + want + "] got [" + got + "]");
                            }
                        }
                    }
                }
                current.clear();
            }
        }
        System.out.println("oracle " + capture + ": " + agreed + "/" + compared + " cells agree; mismatches by field "
                + mismatchesByField);
        unexpected.stream().limit(40).forEach(System.out::println);
        assertTrue(compared > 0 || expected.isEmpty(), "no exit event of " + capture + " paired with the oracle");
        assertTrue(unexpected.isEmpty(), unexpected.size() + " unexpected differences, first: "
                + unexpected.subList(0, Math.min(10, unexpected.size())));
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

    /** Exit rows keyed by {@code rawtime type}; cells unescaped except {@code \N}. */
    private static Map<String, Map<String, String>> readOracle(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).substring(1).split("\t", -1);
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i].equals("\\N") ? cells[i] : unescape(cells[i]));
            }
            if ("<".equals(row.get("evt.dir"))) {
                rows.put(row.get("evt.rawtime") + " " + row.get("evt.type"), row);
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
