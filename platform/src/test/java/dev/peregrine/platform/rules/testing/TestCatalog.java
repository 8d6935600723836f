package dev.peregrine.platform.rules.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peregrine.api.EventTypeCatalog;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldArgumentKind;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.ValueSink;
import dev.peregrine.platform.field.FieldCatalog;
import dev.peregrine.platform.field.FieldResolutionException;
import dev.peregrine.platform.field.ResolvedField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A field catalogue for tests: declared fields read their values from a {@link TestEvent}'s map
 * (key = the field as written). The syscall flavour is built from the shared spec's field list
 * and event table, so upstream rule files resolve.
 */
public final class TestCatalog implements FieldCatalog {

    private final String source;
    private final Map<String, FieldSpec> fields;
    private final EventTypeCatalog eventTypes;

    public TestCatalog(String source, List<FieldSpec> fields, EventTypeCatalog eventTypes) {
        this.source = source;
        Map<String, FieldSpec> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        this.fields = byName;
        this.eventTypes = eventTypes;
    }

    /** The shared corpus folder, or null when absent. */
    public static Path shared() {
        String dir = System.getProperty("peregrine.shared");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return null;
        }
        return Path.of(dir);
    }

    /** A small syscall catalogue: a few fields, and a synthetic event table of 300 codes. */
    public static TestCatalog smallSyscall() {
        List<FieldSpec> f = new ArrayList<>();
        for (String s : List.of("evt.type", "proc.name", "proc.pname", "proc.cmdline", "fd.name", "fd.filename",
                "fd.directory", "container.info", "user.name", "proc.exepath", "evt.dir")) {
            f.add(FieldSpec.of(s, FieldType.STRING, s));
        }
        f.add(FieldSpec.of("evt.num", FieldType.UINT64, "number"));
        f.add(FieldSpec.of("proc.pid", FieldType.PID, "pid"));
        f.add(FieldSpec.of("fd.num", FieldType.FD, "fd"));
        f.add(FieldSpec.of("evt.latency", FieldType.RELTIME, "latency"));
        f.add(FieldSpec.of("proc.aname", FieldType.STRING, "ancestor").withArgument(FieldArgumentKind.INDEX, false));
        f.add(FieldSpec.of("proc.args", FieldType.STRING, "args").asList());
        return new TestCatalog("syscall", f, SyntheticEventTypes.INSTANCE);
    }

    /** The syscall catalogue of the shared spec (fields TSV, event table). */
    public static TestCatalog specSyscall(Path shared) {
        try {
            List<FieldSpec> specs = new ArrayList<>();
            List<String> lines = Files.readAllLines(shared.resolve("spec/syscall-fields.tsv"));
            for (String line : lines.subList(1, lines.size())) {
                String[] cols = line.split("\t");
                FieldSpec spec = FieldSpec.of(cols[0], type(cols[1]), cols[3]);
                if (!cols[2].equals("none")) {
                    spec = spec.withArgument(FieldArgumentKind.INDEX_OR_KEY, cols[2].equals("key"));
                }
                specs.add(spec);
            }
            JsonNode table = new ObjectMapper().readTree(shared.resolve("spec/event-table.json").toFile());
            Map<String, List<Integer>> codes = new LinkedHashMap<>();
            Map<Integer, String> names = new HashMap<>();
            for (JsonNode e : table.get("events")) {
                int id = e.get("id").asInt();
                String name = e.get("name").asText();
                codes.computeIfAbsent(name, k -> new ArrayList<>()).add(id);
                names.put(id, name);
            }
            int count = table.get("event_count").asInt();
            return new TestCatalog("syscall", specs, new MapEventTypes(count, codes, names));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plugin source's catalogue from the spec's field tables (e.g. fields-k8saudit.tsv, fields-json.tsv). */
    public static TestCatalog specPlugin(Path shared, String source, String... tables) {
        try {
            List<FieldSpec> specs = new ArrayList<>();
            // the host's generic event fields every plugin source offers
            for (String name : List.of("evt.time", "evt.time.s", "evt.time.iso8601", "evt.datetime", "evt.plugininfo",
                    "evt.pluginname", "evt.source", "evt.type", "evt.hostname")) {
                specs.add(FieldSpec.of(name, FieldType.STRING, name));
            }
            specs.add(FieldSpec.of("evt.num", FieldType.UINT64, "number"));
            specs.add(FieldSpec.of("evt.rawtime", FieldType.ABSTIME, "time"));
            for (String table : tables) {
                List<String> lines = Files.readAllLines(shared.resolve("spec").resolve(table));
                for (String line : lines.subList(1, lines.size())) {
                    String[] cols = line.split("\t");
                    FieldSpec spec = FieldSpec.of(cols[0], cols[1].equals("uint64") ? FieldType.UINT64 : FieldType.STRING,
                            cols[4]);
                    if (!cols[3].equals("none")) {
                        FieldArgumentKind kind = cols[3].endsWith("index") ? FieldArgumentKind.INDEX : FieldArgumentKind.KEY;
                        spec = spec.withArgument(kind, cols[3].startsWith("required"));
                    }
                    specs.add(cols[2].equals("yes") ? spec.asList() : spec);
                }
            }
            return new TestCatalog(source, specs, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A catalogue without event types (plugin-like source). */
    public static TestCatalog plugin(String source, List<String> names) {
        return new TestCatalog(source, names.stream().map(n -> FieldSpec.of(n, FieldType.STRING, n)).toList(), null);
    }

    private static FieldType type(String pt) {
        return switch (pt) {
            case "PT_BOOL" -> FieldType.BOOL;
            case "PT_UINT64" -> FieldType.UINT64;
            case "PT_UINT32" -> FieldType.UINT32;
            case "PT_INT64" -> FieldType.INT64;
            case "PT_INT32" -> FieldType.INT32;
            case "PT_INT16" -> FieldType.INT16;
            case "PT_RELTIME" -> FieldType.RELTIME;
            case "PT_ABSTIME" -> FieldType.ABSTIME;
            case "PT_PORT" -> FieldType.PORT;
            case "PT_IPNET" -> FieldType.IPNET;
            case "PT_IPADDR" -> FieldType.IPADDR;
            case "PT_DOUBLE" -> FieldType.DOUBLE;
            case "PT_BYTEBUF" -> FieldType.BYTEBUF;
            case "PT_DYN" -> FieldType.DYNAMIC;
            default -> FieldType.STRING;
        };
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public ResolvedField resolve(String name, String argument) throws FieldResolutionException {
        FieldSpec spec = fields.get(name);
        String arg = argument;
        if (spec == null) {
            // the longest declared name that prefixes it, the rest being the argument (evt.arg.flags)
            for (int dot = name.lastIndexOf('.'); dot > 0 && spec == null; dot = name.lastIndexOf('.', dot - 1)) {
                FieldSpec candidate = fields.get(name.substring(0, dot));
                if (candidate != null && candidate.argument() != FieldArgumentKind.NONE && argument == null) {
                    spec = candidate;
                    arg = name.substring(dot + 1);
                }
            }
        }
        if (spec == null) {
            throw new FieldResolutionException("filter_check called with nonexistent field " + name);
        }
        String text = argument == null ? name : name + "[" + argument + "]";
        FieldSpec bound = spec;
        return new ResolvedField(text, spec, arg == null ? FieldArgument.none() : FieldArgument.of(arg),
                (event, out) -> extract(bound, text, event, out), "test");
    }

    private boolean extract(FieldSpec spec, String key, dev.peregrine.api.Event event, ValueSink out) {
        if (key.equals("evt.type") && eventTypes != null) {
            out.addString(eventTypes.nameOf(event.type()));
            return true;
        }
        if (key.equals("evt.num")) {
            out.addLong(event.number());
            return true;
        }
        if (!(event instanceof TestEvent t)) {
            return false;
        }
        Object value = t.values().get(key);
        if (value == null) {
            return false;
        }
        List<?> items = value instanceof List<?> l ? l : List.of(value);
        for (Object item : items) {
            switch (item) {
                case Long n -> out.addLong(n);
                case Integer n -> out.addLong(n);
                case Boolean b -> out.addBoolean(b);
                default -> out.addString(item.toString());
            }
        }
        return spec.list() || !items.isEmpty();
    }

    @Override
    public boolean knows(String name) {
        return fields.containsKey(name);
    }

    @Override
    public List<FieldSpec> fields() {
        return List.copyOf(fields.values());
    }

    @Override
    public Optional<EventTypeCatalog> eventTypes() {
        return Optional.ofNullable(eventTypes);
    }

    /** Event types from a name → codes map. */
    record MapEventTypes(int codeCount, Map<String, List<Integer>> codes, Map<Integer, String> byCode)
            implements EventTypeCatalog {
        @Override
        public int[] codesOf(String name) {
            return codes.getOrDefault(name, List.of()).stream().mapToInt(Integer::intValue).toArray();
        }

        @Override
        public Set<String> names() {
            return new LinkedHashSet<>(codes.keySet());
        }

        @Override
        public String nameOf(int code) {
            return byCode.getOrDefault(code, "unknown");
        }
    }

    /**
     * 300 codes: {@code open}=2,3, {@code close}=4,5, {@code execve}=6,7, {@code connect}=8,9,
     * {@code openat}=10,11, and {@code ev12}..{@code ev299} one code each.
     */
    static final class SyntheticEventTypes {
        static final EventTypeCatalog INSTANCE;

        static {
            Map<String, List<Integer>> codes = new LinkedHashMap<>();
            Map<Integer, String> names = new HashMap<>();
            String[] named = {"open", "close", "execve", "connect", "openat"};
            for (int i = 0; i < named.length; i++) {
                codes.put(named[i], List.of(2 + 2 * i, 3 + 2 * i));
                names.put(2 + 2 * i, named[i]);
                names.put(3 + 2 * i, named[i]);
            }
            for (int c = 12; c < 300; c++) {
                codes.put("ev" + c, List.of(c));
                names.put(c, "ev" + c);
            }
            INSTANCE = new MapEventTypes(300, codes, names);
        }

        private SyntheticEventTypes() {
        }
    }
}
