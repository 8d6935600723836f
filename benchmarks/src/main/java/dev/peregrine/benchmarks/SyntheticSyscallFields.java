package dev.peregrine.benchmarks;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.ValueSink;
import dev.peregrine.platform.field.FieldCatalog;
import dev.peregrine.platform.field.FieldProvider;
import dev.peregrine.platform.field.PluginFieldCatalog;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import dev.peregrine.plugin.syscall.field.SyscallFieldCatalog;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The syscall source's real field declarations and event types, with handles that read values from
 * {@link SyntheticEvent}s instead of a capture. It isolates the engine's cost (index, evaluation,
 * comparisons) from extraction, which the syscall plugin owns.
 */
final class SyntheticSyscallFields {

    private final Map<String, Integer> slots = new HashMap<>();
    private final List<FieldSpec> specs = new ArrayList<>();
    private final SyscallEventTypeCatalog eventTypes = SyscallEventTypeCatalog.standard();
    private final FieldCatalog catalog;

    SyntheticSyscallFields() {
        SyscallFieldCatalog declared = SyscallFieldCatalog.load();
        List<FieldProvider> providers = List.of(
                new FieldProvider("syscall", "syscall", declared.syscallFields(), this::bind),
                new FieldProvider("container", "container", declared.containerFields(), this::bind));
        catalog = new PluginFieldCatalog("syscall", providers, Optional.of(eventTypes));
    }

    FieldCatalog catalog() {
        return catalog;
    }

    /** Code of the exit event of a syscall event name, as the syscall source would report it. */
    int exitCode(String name) {
        for (int code : eventTypes.codesOf(name)) {
            if ((code & 1) == 1) {
                return code;
            }
        }
        throw new IllegalArgumentException("no exit event for " + name);
    }

    /** A new event of {@code type} with the given field values; keys are fields as rules write them. */
    SyntheticEvent event(long number, int type, Map<String, Object> values) {
        Object[] row = new Object[Math.max(1, specs.size())];
        values.forEach((key, value) -> {
            Integer slot = slots.get(key);
            if (slot != null) {
                row[slot] = typed(specs.get(slot).type().kind(), value);
            }
        });
        return new SyntheticEvent(number, type, row);
    }

    /** Converts text IP addresses and networks to the byte forms the sink takes. */
    private static Object typed(FieldType.Kind kind, Object value) {
        try {
            if (kind == FieldType.Kind.IP_ADDRESS && value instanceof String text) {
                return InetAddress.getByName(text).getAddress();
            }
            if (kind == FieldType.Kind.IP_NETWORK && value instanceof String text) {
                String[] parts = text.split("/");
                return new Network(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]));
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + value, e);
        }
        return value;
    }

    /** An IP network value. */
    private record Network(byte[] address, int prefix) {
    }

    private synchronized FieldHandle bind(FieldSpec spec, FieldArgument argument) {
        String key = argument.present() ? spec.name() + "[" + argument.text() + "]" : spec.name();
        int slot = slots.computeIfAbsent(key, k -> {
            specs.add(spec);
            return specs.size() - 1;
        });
        // evt.arg.flags and evt.arg[flags] are the same value.
        if (argument.present()) {
            slots.putIfAbsent(spec.name() + "." + argument.text(), slot);
        }
        return new SlotHandle(slot, spec.type().kind(), spec.list());
    }

    /** An event whose field values sit in an array indexed by bound slot. */
    record SyntheticEvent(long number, int type, Object[] values) implements Event {
        @Override
        public long timestampNanos() {
            return 1_700_000_000_000_000_000L + number;
        }
    }

    /** Reads one slot of a synthetic event and writes it with the sink method of its type. */
    private record SlotHandle(int slot, FieldType.Kind kind, boolean list) implements FieldHandle {
        @Override
        public boolean extract(Event event, ValueSink out) {
            Object[] values = ((SyntheticEvent) event).values();
            Object value = slot < values.length ? values[slot] : null;
            if (value == null) {
                return false;
            }
            if (list) {
                for (Object item : (List<?>) value) {
                    write(item, out);
                }
            } else {
                write(value, out);
            }
            return true;
        }

        private void write(Object value, ValueSink out) {
            switch (kind) {
                case NUMBER -> out.addLong(((Number) value).longValue());
                case BOOL -> out.addBoolean((Boolean) value);
                case IP_ADDRESS -> out.addAddress((byte[]) value);
                case IP_NETWORK -> out.addNetwork(((Network) value).address(), ((Network) value).prefix());
                default -> out.addString(value.toString());
            }
        }
    }
}
