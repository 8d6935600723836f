package dev.peregrine.plugin.syscall.capture;

import dev.peregrine.plugin.syscall.event.Buffers;
import dev.peregrine.plugin.syscall.event.EventInfo;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams a .scap capture (plain or gzip-compressed): reads the section header and the metadata blocks
 * on {@link #open}, then hands out one event per {@link #next()} call as a reused {@link EventView}
 * over the read buffer. Events are delivered as stored (legacy 22-byte headers are rewritten to the
 * current 26-byte form; no version upgrade); numbering counts every delivered event from 1.
 *
 * <p>Malformed input fails with a {@link CaptureException} naming the block and byte offset. Blocks
 * and events the reader cannot use are skipped, counted and reported to the warning sink.
 */
public final class CaptureReader implements AutoCloseable {

    /** {@code byte_order_magic} of the section header, as read little endian. */
    public static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** The same magic written by a big-endian host (unsupported, as in libs). */
    private static final int SWAPPED_MAGIC = 0x4D3C2B1A;
    /** Largest body of an ordinary (not large-payload) event block. */
    public static final int MAX_EVENT_BODY = 64 * 1024;
    /** Largest block the reader buffers; guards against absurd lengths in corrupt files. */
    private static final long MAX_BLOCK = 1L << 30;
    private static final int BLOCK_HEADER = 8;
    private static final int BLOCK_OVERHEAD = 12;
    private static final int SHB_FIXED_BODY = 16;
    /** Stands for "no block header was read" in error reports (0 is no block type). */
    private static final int NO_BLOCK = 0;

    private final String fileName;
    private final BlockInput input;
    private final EventTable table;
    private final Consumer<String> warnings;
    private final EventView view;
    /** Legacy events are rebuilt here with the current header. */
    private ByteBuffer legacyScratch = ByteBuffer.allocate(MAX_EVENT_BODY + 64).order(ByteOrder.LITTLE_ENDIAN);
    private final int notificationType;
    /** Per event type: parameters the table declares, and whether lengths are 32-bit. */
    private final int[] declaredParams;
    private final boolean[] largePayload;
    private final int infrastructureType;

    private long blockNumber;
    private long eventNumber;
    private long skippedBlocks;
    private long skippedEvents;
    private final BitSet reportedUnknownTypes = new BitSet(1 << 16);
    private int sections;
    private CaptureMetadata metadata;
    private MetadataBuilder building;
    /** True when {@link #open} already positioned the view on the first event. */
    private boolean pending;
    private boolean finished;
    /** Byte offset of the block that holds the event last returned. */
    private long eventBlockStart;

    private CaptureReader(String fileName, BlockInput input, EventTable table, Consumer<String> warnings) {
        this.fileName = fileName;
        this.input = input;
        this.table = table;
        this.warnings = warnings;
        this.view = new EventView(table);
        this.notificationType = typeOf(table, "PPME_NOTIFICATION_E");
        this.infrastructureType = typeOf(table, "PPME_INFRASTRUCTURE_EVENT_E");
        this.declaredParams = new int[table.size()];
        this.largePayload = new boolean[table.size()];
        for (EventInfo info : table.events()) {
            declaredParams[info.code()] = info.params().size();
            largePayload[info.code()] = info.hasLargePayload();
        }
    }

    /** Opens a capture with the bundled event table; warnings are only counted. */
    public static CaptureReader open(Path file) throws CaptureException {
        return open(file, EventTable.standard(), warning -> { });
    }

    /**
     * Opens a capture and reads everything up to its first event.
     *
     * @param warnings receives one sentence per skipped block or event
     */
    public static CaptureReader open(Path file, EventTable table, Consumer<String> warnings) throws CaptureException {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(warnings, "warnings");
        String name = file.toString();
        ReadableByteChannel channel;
        try {
            channel = openChannel(file);
        } catch (NoSuchFileException e) {
            throw new CaptureException(name, "the capture file does not exist", null);
        } catch (IOException e) {
            throw new CaptureException(name, "cannot open the capture file: " + e.getMessage(), e);
        }
        CaptureReader reader = new CaptureReader(name, new BlockInput(channel), table, warnings);
        try {
            reader.readFirstSection();
            return reader;
        } catch (CaptureException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * Opens a capture from a stream (plain or gzip) for tests and pipes; {@code name} is used in messages.
     */
    public static CaptureReader open(InputStream stream, String name, EventTable table, Consumer<String> warnings)
            throws CaptureException {
        InputStream in = stream.markSupported() ? stream : new java.io.BufferedInputStream(stream);
        CaptureReader reader;
        try {
            in.mark(2);
            int first = in.read();
            int second = in.read();
            in.reset();
            boolean gzip = first == 0x1F && second == 0x8B;
            reader = new CaptureReader(name, new BlockInput(Channels.newChannel(
                    gzip ? new GZIPInputStream(in, 1 << 16) : in)), table, warnings);
        } catch (IOException e) {
            throw new CaptureException(name, "cannot read the capture: " + e.getMessage(), e);
        }
        try {
            reader.readFirstSection();
            return reader;
        } catch (CaptureException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private static ReadableByteChannel openChannel(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        ByteBuffer magic = ByteBuffer.allocate(2);
        while (magic.hasRemaining() && channel.read(magic, magic.position()) > 0) {
            // positional reads leave the channel at offset 0
        }
        if (magic.position() == 2 && (magic.get(0) & 0xFF) == 0x1F && (magic.get(1) & 0xFF) == 0x8B) {
            channel.close();
            return Channels.newChannel(new GZIPInputStream(Files.newInputStream(file), 1 << 16));
        }
        return channel;
    }

    /** The tables of the current section (the last one read when a capture has several). */
    public CaptureMetadata metadata() {
        return metadata;
    }

    /** Number of sections seen so far (concatenated captures have more than one). */
    public int sectionCount() {
        return sections;
    }

    /** Blocks skipped because they were unknown or out of place. */
    public long skippedBlocks() {
        return skippedBlocks;
    }

    /** Events skipped because their type is beyond the event table (written by a newer driver). */
    public long skippedEvents() {
        return skippedEvents;
    }

    /** The capture file as given to the reader. */
    public String fileName() {
        return fileName;
    }

    /**
     * Where the event last returned by {@link #next()} was read, as {@code file: block N, byte offset X}
     * (for errors found after the reader, e.g. by the converter).
     */
    public String describePosition() {
        return fileName + ": block " + blockNumber + ", byte offset " + eventBlockStart;
    }

    /** Events delivered so far. */
    public long eventCount() {
        return eventNumber;
    }

    /**
     * The next event, or null at the end of the capture. The returned view is reused: it is valid until
     * the next call.
     */
    public EventView next() throws CaptureException {
        if (pending) {
            pending = false;
            return view;
        }
        if (finished) {
            return null;
        }
        if (advance()) {
            return view;
        }
        finished = true;
        return null;
    }

    private void readFirstSection() throws CaptureException {
        if (!advance()) {
            if (metadata == null && building == null) {
                throw new CaptureException(fileName, 0, null, 0, "the file is empty; expected a section header block");
            }
            if (building != null) {
                metadata = building.build();
                building = null;
            }
            throw new CaptureException(fileName, 0, null, input.offset(), "no events in file");
        }
        pending = true;
    }

    /** Reads blocks until one yields an event (true) or the stream ends at a block boundary (false). */
    private boolean advance() throws CaptureException {
        while (true) {
            long blockStart = input.offset();
            int available = request(BLOCK_HEADER, blockNumber + 1);
            if (available == 0) {
                return false;
            }
            long number = ++blockNumber;
            if (available < BLOCK_HEADER) {
                throw error(number, NO_BLOCK, blockStart, "expected a block header of 8 bytes but the file ends after "
                        + available + " bytes");
            }
            ByteBuffer buffer = input.buffer();
            int type = buffer.getInt(input.index());
            long total = buffer.getInt(input.index() + 4) & 0xFFFF_FFFFL;
            int kind = type;
            if (number == 1 && type != BlockType.SECTION_HEADER) {
                throw error(number, kind, blockStart, "expected a section header block (0x0A0D0D0A) at the start "
                        + "of the file; this is not a scap capture");
            }
            if (total < BLOCK_OVERHEAD) {
                throw error(number, kind, blockStart + 4, "block length " + total + " is shorter than the "
                        + BLOCK_OVERHEAD + " bytes of block header and trailer");
            }
            if (total > MAX_BLOCK) {
                throw error(number, kind, blockStart + 4, "block length " + total + " exceeds the reader's limit of "
                        + MAX_BLOCK + " bytes");
            }
            if (BlockType.isEvent(type) && !BlockType.isLargeEvent(type) && total - BLOCK_OVERHEAD > MAX_EVENT_BODY) {
                throw error(number, kind, blockStart + 4, "event block body of " + (total - BLOCK_OVERHEAD)
                        + " bytes exceeds the " + MAX_EVENT_BODY + "-byte limit of non-large event blocks");
            }
            available = request((int) total, number);
            if (available < total) {
                throw error(number, kind, blockStart + 4, "block length " + total
                        + " runs past the end of the file (only " + available + " bytes are left)");
            }
            int at = input.index();
            long trailer = buffer(at, total);
            if (trailer != total) {
                throw error(number, kind, blockStart + total - 4, "block trailer length " + trailer
                        + " differs from the header length " + total);
            }
            int bodyStart = at + BLOCK_HEADER;
            int bodyEnd = at + (int) total - 4;
            boolean event;
            try {
                event = block(number, type, kind, bodyStart, bodyEnd);
            } catch (MalformedBlockException e) {
                throw error(number, kind, input.offsetOf(e.bufferIndex()), e.getMessage());
            }
            input.skip((int) total);
            if (event) {
                eventBlockStart = blockStart;
                return true;
            }
        }
    }

    private long buffer(int at, long total) {
        return input.buffer().getInt(at + (int) total - 4) & 0xFFFF_FFFFL;
    }

    /** Decodes one block whose bytes are all in the buffer; true when the view now holds an event. */
    private boolean block(long number, int type, int kind, int bodyStart, int bodyEnd) throws CaptureException {
        if (BlockType.isEvent(type)) {
            if (building != null) {
                metadata = building.build();
                building = null;
            }
            return event(number, type, kind, bodyStart, bodyEnd);
        }
        BodyCursor body = new BodyCursor(input.buffer(), bodyStart, bodyEnd);
        if (type == BlockType.SECTION_HEADER) {
            sectionHeader(number, kind, body);
            return false;
        }
        if (building == null) {
            skippedBlocks++;
            warnings.accept(fileName + ": skipped " + BlockType.describe(kind) + " (block " + number + ") found among the events");
            return false;
        }
        int version = BlockType.processListVersion(type);
        if (version > 0) {
            MetadataDecoder.processList(body, version, building.processes::add);
            return false;
        }
        switch (type) {
            case BlockType.MACHINE_INFO, BlockType.MACHINE_INFO_LEGACY -> building.machine = MetadataDecoder.machineInfo(body);
            case BlockType.FD_LIST, BlockType.FD_LIST_LEGACY -> MetadataDecoder.fdList(body, false, building.fds::add);
            case BlockType.FD_LIST_V2 -> MetadataDecoder.fdList(body, true, building.fds::add);
            case BlockType.USER_LIST, BlockType.USER_LIST_LEGACY, BlockType.USER_LIST_V2 -> {
                building.users.clear();
                building.groups.clear();
                MetadataDecoder.userList(body, type == BlockType.USER_LIST_V2, building.users::add, building.groups::add);
            }
            case BlockType.INTERFACE_LIST, BlockType.INTERFACE_LIST_LEGACY, BlockType.INTERFACE_LIST_V2 -> {
                building.interfaces.clear();
                MetadataDecoder.interfaceList(body, type == BlockType.INTERFACE_LIST_V2, building.interfaces::add);
            }
            default -> {
                skippedBlocks++;
                warnings.accept(fileName + ": skipped " + BlockType.describe(kind) + " (block " + number + ") of " + (bodyEnd - bodyStart)
                        + " bytes");
            }
        }
        return false;
    }

    private void sectionHeader(long number, int kind, BodyCursor body) throws CaptureException {
        if (body.remaining() < SHB_FIXED_BODY) {
            throw error(number, kind, input.offsetOf(body.index()), "section header body of " + body.remaining()
                    + " bytes is shorter than the " + SHB_FIXED_BODY + " bytes of magic, versions and length");
        }
        int magic = input.buffer().getInt(body.index());
        if (magic != BYTE_ORDER_MAGIC) {
            String why = magic == SWAPPED_MAGIC
                    ? "the capture was written on a big-endian host, which is not supported"
                    : "expected byte order magic 0x1A2B3C4D but found 0x" + hex(magic);
            throw error(number, kind, input.offsetOf(body.index()), why);
        }
        long versionOffset = input.offsetOf(body.index() + 4);
        SectionHeader header = MetadataDecoder.sectionHeader(body);
        if (header.major() > 1) {
            throw error(number, kind, versionOffset, "capture format version "
                    + header.major() + "." + header.minor() + " is newer than the supported 1.x");
        }
        sections++;
        building = new MetadataBuilder(header);
    }

    private boolean event(long number, int type, int kind, int bodyStart, int bodyEnd) throws CaptureException {
        ByteBuffer buffer = input.buffer();
        int position = bodyStart;
        int prefix = BlockType.hasEventFlags(type) ? 6 : 2;
        if (bodyEnd - bodyStart < prefix) {
            throw error(number, kind, input.offsetOf(bodyStart), "expected " + prefix
                    + " bytes of cpu index" + (prefix == 6 ? " and flags" : "") + " but the block body has "
                    + (bodyEnd - bodyStart));
        }
        int cpu = buffer.getShort(position) & 0xFFFF;
        position += 2;
        int flags = 0;
        if (prefix == 6) {
            flags = buffer.getInt(position);
            position += 4;
        }
        int available = bodyEnd - position;
        int eventType;
        if (BlockType.hasLegacyEventHeader(type)) {
            if (available < EventView.LEGACY_HEADER_LENGTH) {
                throw error(number, kind, input.offsetOf(position), "expected a legacy event header of "
                        + EventView.LEGACY_HEADER_LENGTH + " bytes but only " + available + " are left");
            }
            eventType = buffer.getShort(position + EventView.TYPE_OFFSET) & 0xFFFF;
            if (skipUnknown(number, eventType)) {
                return false;
            }
            String problem = upgradeLegacyHeader(buffer, position, available, eventType);
            if (problem != null) {
                throw error(number, kind, input.offsetOf(position), problem);
            }
            // the upgrade checked what validate would: the rebuilt lengths add up to the event length
            view.wrap(legacyScratch, 0);
        } else {
            if (available < EventView.HEADER_LENGTH) {
                throw error(number, kind, input.offsetOf(position), "expected an event header of "
                        + EventView.HEADER_LENGTH + " bytes but only " + available + " are left");
            }
            eventType = buffer.getShort(position + EventView.TYPE_OFFSET) & 0xFFFF;
            if (skipUnknown(number, eventType)) {
                return false;
            }
            view.wrap(buffer, position);
            String problem = view.validate(available);
            if (problem != null) {
                throw error(number, kind, input.offsetOf(position), problem);
            }
        }
        view.position(++eventNumber, cpu, flags);
        return true;
    }

    private boolean skipUnknown(long number, int eventType) {
        if (eventType < table.size()) {
            return false;
        }
        skippedEvents++;
        if (!reportedUnknownTypes.get(eventType)) {
            // Once per type: a capture from a newer driver may hold millions of such events.
            reportedUnknownTypes.set(eventType);
            warnings.accept(fileName + ": skipped event of type " + eventType + " (block " + number
                    + "), unknown to this event table of " + table.size() + " types; further events of this type"
                    + " are skipped quietly and counted");
        }
        return true;
    }

    /**
     * Rebuilds a legacy event (22-byte header, no nparams) with the current header in the scratch buffer,
     * finding nparams from the lengths as libscap does.
     *
     * @return null on success, else what is wrong
     */
    private String upgradeLegacyHeader(ByteBuffer buffer, int at, int available, int eventType) {
        long legacyLength = buffer.getInt(at + EventView.LENGTH_OFFSET) & 0xFFFF_FFFFL;
        if (eventType == notificationType || eventType == infrastructureType) {
            legacyLength -= 3; // old writers stored these lengths 3 bytes too large
        }
        if (legacyLength < EventView.LEGACY_HEADER_LENGTH) {
            return "legacy event length " + legacyLength + " is shorter than the "
                    + EventView.LEGACY_HEADER_LENGTH + "-byte legacy header";
        }
        if (legacyLength > available) {
            return "event length " + legacyLength + " runs past the end of its block (" + available + " bytes)";
        }
        int legacy = (int) legacyLength;
        int length = legacy + 4;
        int payload = legacy - EventView.LEGACY_HEADER_LENGTH;
        int declared = declaredParams[eventType];
        int nparams = -1;
        int lengthsAt = at + EventView.LEGACY_HEADER_LENGTH;
        for (int n = declared; n >= 0; n--) {
            if (2L * n > payload) {
                continue; // the length array alone would overshoot
            }
            long total = EventView.HEADER_LENGTH + 2L * n;
            for (int i = 0; i < n; i++) {
                total += buffer.getShort(lengthsAt + 2 * i) & 0xFFFF;
            }
            if (total == length) {
                nparams = n;
                break;
            }
            if (total < length) {
                return "the parameter lengths of legacy event " + table.info(eventType).enumName() + " with " + n
                        + " parameters add up to " + total + " bytes, short of the event length " + length;
            }
        }
        if (nparams < 0) {
            return "no parameter count of legacy event " + table.info(eventType).enumName()
                    + " matches its length " + length;
        }
        // Legacy blocks always store u16 lengths; large-payload types read u32 lengths in the current form.
        int lengthSize = largePayload[eventType] ? 4 : 2;
        int upgraded = length + (lengthSize - 2) * nparams;
        if (legacyScratch.capacity() < upgraded) {
            legacyScratch = ByteBuffer.allocate(upgraded).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer out = legacyScratch;
        out.putLong(EventView.TIMESTAMP_OFFSET, buffer.getLong(at + EventView.TIMESTAMP_OFFSET));
        out.putLong(EventView.TID_OFFSET, buffer.getLong(at + EventView.TID_OFFSET));
        out.putInt(EventView.LENGTH_OFFSET, upgraded);
        out.putShort(EventView.TYPE_OFFSET, (short) eventType);
        out.putInt(EventView.NPARAMS_OFFSET, nparams);
        if (lengthSize == 2) {
            Buffers.copy(buffer, lengthsAt, out, EventView.HEADER_LENGTH, payload);
        } else {
            int lengths = at + EventView.LEGACY_HEADER_LENGTH;
            for (int i = 0; i < nparams; i++) {
                out.putInt(EventView.HEADER_LENGTH + 4 * i, buffer.getShort(lengths + 2 * i) & 0xFFFF);
            }
            Buffers.copy(buffer, lengths + 2 * nparams, out, EventView.HEADER_LENGTH + 4 * nparams, payload - 2 * nparams);
        }
        return null;
    }

    private int request(int n, long number) throws CaptureException {
        int available = input.request(n);
        IOException failure = input.failure();
        if (available < n && failure != null) {
            long at = input.offset() + available;
            if (failure instanceof EOFException) {
                throw error(number, NO_BLOCK, at, "the compressed file ends in the middle of the gzip stream"
                        + " (truncated download or copy?)");
            }
            if (failure instanceof ZipException) {
                throw error(number, NO_BLOCK, at, "the gzip stream is corrupt: " + failure.getMessage());
            }
            throw new CaptureException(fileName, "cannot read the capture file: " + failure.getMessage(), failure);
        }
        return available;
    }

    /** Describes the block only here, on the error path: event blocks are the hot path. */
    private CaptureException error(long number, int blockType, long offset, String detail) {
        return new CaptureException(fileName, number, blockType == NO_BLOCK ? null : BlockType.describe(blockType),
                offset, detail);
    }

    private static String hex(int value) {
        return String.format("%08X", value);
    }

    private static int typeOf(EventTable table, String enumName) {
        for (EventInfo info : table.events()) {
            if (info.enumName().equals(enumName)) {
                return info.code();
            }
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            // Nothing useful to do: the capture was only read.
        }
    }

    /** Collects the metadata of one section until its first event. */
    private static final class MetadataBuilder {
        final SectionHeader header;
        MachineInfo machine;
        final List<ProcessEntry> processes = new ArrayList<>();
        final List<FdEntry> fds = new ArrayList<>();
        final List<UserEntry> users = new ArrayList<>();
        final List<GroupEntry> groups = new ArrayList<>();
        final List<NetworkInterface> interfaces = new ArrayList<>();

        MetadataBuilder(SectionHeader header) {
            this.header = header;
        }

        CaptureMetadata build() {
            return new CaptureMetadata(header, machine, processes, fds, users, groups, interfaces);
        }
    }
}
