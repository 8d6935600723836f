package dev.peregrine.plugin.syscall.event;

import dev.peregrine.plugin.syscall.event.ConversionTable.Instruction;
import dev.peregrine.plugin.syscall.event.ConversionTable.Rule;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Upgrades events read from capture files to the current layout before anything else sees them, as
 * libscap's savefile converter does ({@code syscall-events.md} §3): old enter/exit pairs become one exit
 * event carrying the enter parameters, old versions become their newest type, short exit events get
 * their missing parameters. Surviving events are renumbered from 1, so dropped enter events take no
 * number (current libsinsp numbering).
 *
 * <p>Events already in the current layout pass through untouched, without copying. Converted events
 * are built in buffers owned by the converter and are valid until the next call. One converter per
 * capture stream: it keeps the last stored enter event of every thread.
 */
public final class EventConverter {

    /** {@code EF_CONVERTER_MANAGED}: the converter knows the older encodings of this type. */
    public static final int EF_CONVERTER_MANAGED = 1 << 12;
    /** Upper bound of chained conversion steps for one event (the longest chain in the table is ~10). */
    static final int MAX_STEPS = 32;

    private static final byte FILL_COPY = 0;
    private static final byte FILL_ZERO = 1;
    private static final byte FILL_ONES = 2;

    private final EventTable table;
    private final ConversionTable conversions;
    /** Fixed wire size of every parameter of every type; 0 for variable-length types. */
    private final int[][] fixedSizes;
    /** Whether a parameter's default value is all ones (uid/gid "no value"). */
    private final boolean[][] defaultOnes;
    /** Per type: current, used, not converter-managed; such events are delivered as they are. */
    private final boolean[] passThrough;
    private final StoredEnters enterEvents = new StoredEnters();
    private final EventView[] views;
    private final ByteBuffer[] scratch = new ByteBuffer[2];
    private final EventView enterView;

    private final ByteBuffer[] sourceBuffers;
    private final int[] sourceOffsets;
    private final int[] sourceLengths;
    private final byte[] fills;
    private byte[] callbackValue;

    private long delivered;
    private long dropped;

    /** A converter over the bundled tables. */
    public EventConverter() {
        this(EventTable.standard(), ConversionTable.standard());
    }

    public EventConverter(EventTable table, ConversionTable conversions) {
        this.table = table;
        this.conversions = conversions;
        int types = table.size();
        this.fixedSizes = new int[types][];
        this.defaultOnes = new boolean[types][];
        this.passThrough = new boolean[types];
        int max = 0;
        for (EventInfo info : table.events()) {
            passThrough[info.code()] = !info.isUnused() && !info.isOldVersion()
                    && (info.flags() & EF_CONVERTER_MANAGED) == 0;
            List<ParamInfo> params = info.params();
            max = Math.max(max, params.size());
            fixedSizes[info.code()] = new int[params.size()];
            defaultOnes[info.code()] = new boolean[params.size()];
            for (int i = 0; i < params.size(); i++) {
                fixedSizes[info.code()][i] = fixedSize(params.get(i).type());
                defaultOnes[info.code()][i] = params.get(i).type().equals("PT_UID")
                        || params.get(i).type().equals("PT_GID");
            }
        }
        this.views = new EventView[] {new EventView(table), new EventView(table)};
        this.enterView = new EventView(table);
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        }
        this.sourceBuffers = new ByteBuffer[max];
        this.sourceOffsets = new int[max];
        this.sourceLengths = new int[max];
        this.fills = new byte[max];
    }

    /** Events delivered so far (the last number given). */
    public long deliveredCount() {
        return delivered;
    }

    /** Events consumed without delivery: stored enter events, unused and retired types. */
    public long droppedCount() {
        return dropped;
    }

    /**
     * Upgrades one event read from a capture.
     *
     * @return the event to deliver (the same view when nothing changed, else a converter-owned view),
     *         numbered and carrying the input's cpu and flags; null when the event is consumed
     */
    public EventView convert(EventView event) throws ConversionException {
        if (passThrough[event.type()]) {
            return deliver(event, event);
        }
        EventView current = event;
        int next = 0;
        for (int step = 0; ; step++) {
            EventInfo info = table.info(current.type());
            boolean enter = info.direction() == EventDirection.ENTER;
            if (info.isUnused()) {
                return drop();
            }
            if ((info.flags() & EF_CONVERTER_MANAGED) == 0) {
                if (!info.isOldVersion()) {
                    return deliver(current, event);
                }
                if (enter) {
                    return drop();
                }
                throw failure(event, current, "it is an old exit layout the converter does not manage");
            }
            if (!enter && !info.isOldVersion() && current.paramCount() == info.params().size()) {
                return deliver(current, event);
            }
            if (step == MAX_STEPS) {
                throw failure(event, current, "conversion did not finish within " + MAX_STEPS + " steps");
            }
            Rule rule = conversions.rule(current.type(), current.paramCount());
            if (rule == null) {
                throw failure(event, current, "no conversion rule for " + info.enumName() + " with "
                        + current.paramCount() + " parameters");
            }
            switch (rule.action()) {
                case STORE -> {
                    store(current);
                    return drop();
                }
                case STORE_AND_PASS -> {
                    store(current);
                    return deliver(current, event);
                }
                case PASS -> {
                    return deliver(current, event);
                }
                case ADD_PARAMS, CHANGE_TYPE -> {
                    ByteBuffer target = build(event, current, rule, next);
                    current = views[next].wrap(target, 0);
                    next ^= 1;
                }
            }
        }
    }

    private EventView drop() {
        dropped++;
        return null;
    }

    private EventView deliver(EventView current, EventView original) {
        return current.position(++delivered, original.cpu(), original.driverFlags());
    }

    private void store(EventView event) {
        enterEvents.store(event);
    }

    /** Applies an ADD_PARAMS or CHANGE_TYPE rule into scratch buffer {@code slot}. */
    private ByteBuffer build(EventView original, EventView old, Rule rule, int slot) throws ConversionException {
        boolean change = rule.action() == ConversionTable.Action.CHANGE_TYPE;
        int newType = change ? rule.desiredType() : old.type();
        EventInfo target = table.info(newType);
        List<Instruction> instructions = rule.instructions();
        int first = change ? 0 : old.paramCount();
        int count = first + instructions.size();
        if (count > target.params().size()) {
            throw failure(original, old, "the rule produces " + count + " parameters but "
                    + target.enumName() + " has " + target.params().size());
        }
        for (int i = 0; i < first; i++) {
            copyFrom(i, old, i, newType);
        }
        EventView enter = null;
        boolean usedEnter = false;
        for (int k = 0; k < instructions.size(); k++) {
            Instruction instruction = instructions.get(k);
            int p = first + k;
            switch (instruction.source()) {
                case OLD -> {
                    if (instruction.param() >= old.paramCount()) {
                        throw failure(original, old, "the rule takes parameter " + instruction.param()
                                + " but the event has only " + old.paramCount());
                    }
                    copyFrom(p, old, instruction.param(), newType);
                }
                case ENTER -> {
                    if (enter == null) {
                        enter = storedEnter(original, old);
                    }
                    if (enter == null || instruction.param() >= enter.paramCount()) {
                        // The enter event was lost (or never converted to this version): fall back.
                        fill(p, newType, instruction.fallbackToEmpty());
                    } else {
                        copyFrom(p, enter, instruction.param(), newType);
                        usedEnter = true;
                    }
                }
                case EMPTY -> fill(p, newType, true);
                case DEFAULT -> fill(p, newType, false);
                case CALLBACK -> {
                    callbackValue = containerJson(old);
                    sourceBuffers[p] = ByteBuffer.wrap(callbackValue);
                    sourceOffsets[p] = 0;
                    sourceLengths[p] = callbackValue.length;
                    fills[p] = FILL_COPY;
                }
            }
        }
        int lengthSize = target.hasLargePayload() ? 4 : 2;
        long total = EventView.HEADER_LENGTH + (long) count * lengthSize;
        for (int i = 0; i < count; i++) {
            total += sourceLengths[i];
        }
        if (lengthSize == 2) {
            for (int i = 0; i < count; i++) {
                if (sourceLengths[i] > 0xFFFF) {
                    throw failure(original, old, "parameter " + i + " of " + sourceLengths[i]
                            + " bytes does not fit a 16-bit length");
                }
            }
        }
        ByteBuffer out = scratch[slot];
        if (out.capacity() < total) {
            out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
            scratch[slot] = out;
        }
        out.putLong(EventView.TIMESTAMP_OFFSET, old.timestampNanos());
        out.putLong(EventView.TID_OFFSET, old.tid());
        out.putInt(EventView.LENGTH_OFFSET, (int) total);
        out.putShort(EventView.TYPE_OFFSET, (short) newType);
        out.putInt(EventView.NPARAMS_OFFSET, count);
        int lengths = EventView.HEADER_LENGTH;
        int values = lengths + count * lengthSize;
        for (int i = 0; i < count; i++) {
            int length = sourceLengths[i];
            if (lengthSize == 2) {
                out.putShort(lengths + 2 * i, (short) length);
            } else {
                out.putInt(lengths + 4 * i, length);
            }
            switch (fills[i]) {
                case FILL_COPY -> Buffers.copy(sourceBuffers[i], sourceOffsets[i], out, values, length);
                case FILL_ONES -> Buffers.fill(out, values, length, (byte) 0xFF);
                default -> Buffers.fill(out, values, length, (byte) 0);
            }
            values += length;
            sourceBuffers[i] = null;
        }
        if (usedEnter) {
            enterEvents.forget(old.tid());
        }
        return out;
    }

    private EventView storedEnter(EventView original, EventView old) throws ConversionException {
        ByteBuffer stored = enterEvents.find(old.tid());
        if (stored == null) {
            return null;
        }
        EventView enter = enterView.wrap(stored, 0);
        if (enter.type() != old.type() - 1) {
            throw failure(original, old, "the stored enter event of thread " + old.tid() + " is "
                    + table.info(enter.type()).enumName() + ", not the enter event of " + table.info(old.type()).enumName());
        }
        return enter;
    }

    /** Parameter {@code p} of the new event is parameter {@code from} of {@code source}, truncated to its type. */
    private void copyFrom(int p, EventView source, int from, int newType) {
        int length = source.paramLength(from);
        int max = fixedSizes[newType][p];
        sourceBuffers[p] = source.buffer();
        sourceOffsets[p] = length == 0 ? 0 : source.paramOffset(from);
        sourceLengths[p] = max > 0 ? Math.min(length, max) : length;
        fills[p] = FILL_COPY;
    }

    private void fill(int p, int newType, boolean empty) {
        sourceBuffers[p] = null;
        sourceLengths[p] = empty ? 0 : fixedSizes[newType][p];
        fills[p] = defaultOnes[newType][p] && !empty ? FILL_ONES : FILL_ZERO;
    }

    /** {@code CONTAINER_E} (id, type, name, image) as the JSON of {@code CONTAINER_JSON_E}. */
    private static byte[] containerJson(EventView old) {
        StringBuilder json = new StringBuilder("{\"id\":\"");
        escape(json, old.paramString(0));
        json.append("\",\"type\":").append(old.paramLength(1) >= 4 ? old.paramUnsigned(1) : 0);
        json.append(",\"name\":\"");
        escape(json, old.paramString(2));
        json.append("\",\"image\":\"");
        escape(json, old.paramString(3));
        json.append("\"}");
        return (json + "\0").getBytes(StandardCharsets.UTF_8);
    }

    private static void escape(StringBuilder json, String text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
    }

    private ConversionException failure(EventView original, EventView current, String detail) {
        EventInfo info = table.info(current.type());
        return new ConversionException("cannot upgrade event " + original.number() + " (" + info.enumName()
                + " with " + current.paramCount() + " parameters, tid " + current.tid() + "): " + detail);
    }

    /** Wire size of fixed-size parameter types ({@code syscall-events.md} §1.3); 0 for variable ones. */
    static int fixedSize(String type) {
        return switch (type) {
            case "PT_INT8", "PT_UINT8", "PT_FLAGS8", "PT_ENUMFLAGS8", "PT_SIGTYPE", "PT_L4PROTO", "PT_SOCKFAMILY" -> 1;
            case "PT_INT16", "PT_UINT16", "PT_FLAGS16", "PT_ENUMFLAGS16", "PT_SYSCALLID", "PT_PORT" -> 2;
            case "PT_INT32", "PT_UINT32", "PT_FLAGS32", "PT_ENUMFLAGS32", "PT_UID", "PT_GID", "PT_MODE", "PT_SIGSET",
                 "PT_FD32", "PT_PID32", "PT_IPV4ADDR", "PT_BOOL" -> 4;
            case "PT_INT64", "PT_UINT64", "PT_RELTIME", "PT_ABSTIME", "PT_ERRNO", "PT_FD", "PT_PID", "PT_DOUBLE" -> 8;
            case "PT_IPV6ADDR" -> 16;
            default -> 0;
        };
    }
}
