package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.EventTypeCatalog;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldArgumentKind;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.ValueSink;
import dev.peregrine.platform.field.FieldCatalog;
import dev.peregrine.platform.field.FieldResolutionException;
import dev.peregrine.platform.field.ResolvedField;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fake fields of every type, scalar and list, read from a {@link FakeEvent}. Each handle writes
 * what the event holds under the field's text, through the sink method of the field's kind.
 */
final class TestFieldCatalog implements FieldCatalog {

    private final Map<String, FieldSpec> fields = new LinkedHashMap<>();
    private final boolean withEventTypes;

    TestFieldCatalog() {
        this(true);
    }

    TestFieldCatalog(boolean withEventTypes) {
        this.withEventTypes = withEventTypes;
        for (FieldType type : FieldType.values()) {
            String name = "t." + type.name().toLowerCase();
            fields.put(name, FieldSpec.of(name, type, "scalar " + type));
            fields.put(name + "s", FieldSpec.of(name + "s", type, "list of " + type).asList());
        }
        add(FieldSpec.of("evt.type", FieldType.STRING, "event type"));
        add(FieldSpec.of("evt.dir", FieldType.STRING, "direction"));
        add(FieldSpec.of("evt.latency", FieldType.RELTIME, "latency"));
        add(FieldSpec.of("evt.num", FieldType.UINT64, "number"));
        add(FieldSpec.of("proc.name", FieldType.STRING, "process name"));
        add(FieldSpec.of("proc.pname", FieldType.STRING, "parent name"));
        add(FieldSpec.of("proc.pid", FieldType.INT64, "pid"));
        add(FieldSpec.of("proc.args", FieldType.STRING, "arguments").asList());
        add(FieldSpec.of("proc.aname", FieldType.STRING, "ancestor name").withArgument(FieldArgumentKind.INDEX, false));
        add(FieldSpec.of("fd.name", FieldType.FSPATH, "file name"));
        add(FieldSpec.of("ka.user.name", FieldType.STRING, "audit user"));
        add(FieldSpec.of("jevt.value", FieldType.STRING, "json value").withArgument(FieldArgumentKind.KEY, true));
    }

    private void add(FieldSpec spec) {
        fields.put(spec.name(), spec);
    }

    @Override
    public String source() {
        return "test";
    }

    @Override
    public ResolvedField resolve(String name, String argument) throws FieldResolutionException {
        FieldSpec spec = fields.get(name);
        if (spec == null) {
            throw new FieldResolutionException("filter_check called with nonexistent field " + name);
        }
        String text = argument == null ? name : name + "[" + argument + "]";
        FieldArgument parsed = argument == null ? FieldArgument.none() : FieldArgument.of(argument);
        return new ResolvedField(text, spec, parsed, handle(text, spec), "test");
    }

    private static FieldHandle handle(String text, FieldSpec spec) {
        return (event, out) -> {
            List<Object> values = ((FakeEvent) event).valuesOf(text);
            if (values == null) {
                return false;
            }
            for (Object value : values) {
                write(spec.type(), value, out);
            }
            return true;
        };
    }

    private static void write(FieldType type, Object value, ValueSink out) {
        switch (type.kind()) {
            case NUMBER -> {
                if (type == FieldType.DOUBLE) {
                    out.addDouble(((Number) value).doubleValue());
                } else {
                    out.addLong(((Number) value).longValue());
                }
            }
            case BOOL -> out.addBoolean((Boolean) value);
            case BUFFER -> {
                byte[] bytes = value instanceof byte[] raw ? raw : ((String) value).getBytes(StandardCharsets.UTF_8);
                out.addBytes(bytes, 0, bytes.length);
            }
            case IP_ADDRESS, IP_NETWORK -> {
                String address = (String) value;
                out.addAddress(address.contains(":") ? IpAddresses.parseIpv6(address) : IpAddresses.parseIpv4(address));
            }
            case STRING, DYNAMIC -> out.addString((String) value);
        }
    }

    @Override
    public boolean knows(String name) {
        return fields.containsKey(name);
    }

    @Override
    public List<FieldSpec> fields() {
        return new ArrayList<>(fields.values());
    }

    @Override
    public Optional<EventTypeCatalog> eventTypes() {
        if (!withEventTypes) {
            return Optional.empty();
        }
        List<String> names = List.of("open", "openat", "execve", "close", "connect");
        return Optional.of(new EventTypeCatalog() {
            @Override
            public int codeCount() {
                return names.size();
            }

            @Override
            public int[] codesOf(String name) {
                int index = names.indexOf(name);
                return index < 0 ? new int[0] : new int[] {index};
            }

            @Override
            public Set<String> names() {
                return Set.copyOf(names);
            }

            @Override
            public String nameOf(int code) {
                return names.get(code);
            }
        });
    }
}
