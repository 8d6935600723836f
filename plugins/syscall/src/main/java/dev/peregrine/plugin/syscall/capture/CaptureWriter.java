package dev.peregrine.plugin.syscall.capture;

import dev.peregrine.plugin.syscall.event.EventView;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a plain (uncompressed) .scap capture: a section header, the metadata blocks of a
 * {@link CaptureMetadata}, then one event block per {@link #record} call. The block versions are the
 * ones libscap writes today (process list v9, fd list v2, user list v2, interface list v2, event v2),
 * which {@link CaptureReader} reads back and sysdig 0.29 reads as well.
 *
 * <p>Events are streamed through a fixed buffer: nothing but the metadata is kept in memory. Not
 * thread safe; streams record on their own thread.
 */
public final class CaptureWriter implements EventRecorder {

    private static final int BUFFER_BYTES = 1 << 18;
    private static final int PATH_MAX = 1024;
    private static final int LIST_MAX = 4096;
    private static final int USER_STRING_MAX = 255;
    private static final int HOSTNAME_BYTES = 128;
    private static final int MACHINE_INFO_BODY = 180;

    /** {@code PPME_GENERIC_E} and {@code PPME_GENERIC_X}: their first parameter is the PPM_SC syscall code. */
    private static final int GENERIC_ENTER = 0;
    private static final int GENERIC_EXIT = 1;

    private final String fileName;
    private final FileChannel channel;
    private final boolean portableGenerics;
    private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long events;
    private boolean closed;

    private CaptureWriter(String fileName, FileChannel channel, boolean portableGenerics) {
        this.fileName = fileName;
        this.channel = channel;
        this.portableGenerics = portableGenerics;
    }

    /**
     * Creates (or truncates) {@code file} and writes the section header and the metadata blocks.
     *
     * @throws CaptureException when the file cannot be created or written, with a sentence saying why
     */
    public static CaptureWriter open(Path file, CaptureMetadata metadata) throws CaptureException {
        return open(file, metadata, false);
    }

    private static CaptureWriter open(Path file, CaptureMetadata metadata, boolean portableGenerics)
            throws CaptureException {
        Objects.requireNonNull(metadata, "metadata");
        String name = file.toString();
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new CaptureException(name, "cannot create the capture file: its directory does not exist", e);
        } catch (AccessDeniedException e) {
            throw new CaptureException(name, "cannot create the capture file: permission denied", e);
        } catch (IOException | UnsupportedOperationException e) {
            throw new CaptureException(name, "cannot create the capture file: " + e.getMessage(), e);
        }
        CaptureWriter writer = new CaptureWriter(name, channel, portableGenerics);
        try {
            writer.writeMetadata(metadata);
            return writer;
        } catch (IOException e) {
            writer.abandon();
            throw new CaptureException(name, "cannot write the capture file: " + e.getMessage(), e);
        }
    }

    /**
     * The recorder a live stream writes {@code -w} output through: the metadata is the {@code /proc}
     * scan the stream's state was seeded from.
     *
     * <p>Generic events are written with syscall code 0 ({@code PPM_SC_UNKNOWN}) and their native syscall
     * number: current libsinsp and Peregrine then name them by the native number (the same name), while
     * older readers whose syscall-code tables end before today's codes (sysdig 0.29 reads past the end
     * of its table and crashes on {@code statx}, {@code rseq}, {@code faccessat2}...) still read the file.
     */
    public static EventRecorder forLive(Path file, CaptureMetadata scanned) throws CaptureException {
        return open(file, scanned, true);
    }

    /** Events written so far. */
    public long eventCount() {
        return events;
    }

    @Override
    public void record(EventView event) throws IOException {
        record(event.buffer(), event.offset(), event.length(), event.cpu(), event.driverFlags(),
                event.info().hasLargePayload());
    }

    /**
     * Writes one event given as raw bytes in the current layout (for producers without an {@link EventView}).
     *
     * @param large whether the event's type has u32 parameter lengths ({@code EF_LARGE_PAYLOAD})
     */
    public void record(ByteBuffer source, int offset, int length, int cpu, int driverFlags, boolean large)
            throws IOException {
        ensureOpen();
        boolean flags = driverFlags != 0;
        int prefix = flags ? 6 : 2;
        int body = prefix + length;
        boolean largeBlock = large || body > CaptureReader.MAX_EVENT_BODY;
        int type = largeBlock
                ? (flags ? BlockType.EVENT_WITH_FLAGS_V2_LARGE : BlockType.EVENT_V2_LARGE)
                : (flags ? BlockType.EVENT_WITH_FLAGS_V2 : BlockType.EVENT_V2);
        int total = 12 + pad(body);
        reserve(total);
        buffer.putInt(type).putInt(total).putShort((short) cpu);
        if (flags) {
            buffer.putInt(driverFlags);
        }
        int at = buffer.position();
        buffer.put(at, source, offset, length);
        if (portableGenerics) {
            int eventType = buffer.getShort(at + EventView.TYPE_OFFSET) & 0xFFFF;
            int params = buffer.getInt(at + EventView.NPARAMS_OFFSET);
            if ((eventType == GENERIC_ENTER || eventType == GENERIC_EXIT) && params >= 1 && !large
                    && (buffer.getShort(at + EventView.HEADER_LENGTH) & 0xFFFF) == 2) {
                buffer.putShort(at + EventView.HEADER_LENGTH + 2 * params, (short) 0);
            }
        }
        buffer.position(at + length);
        zeros(pad(body) - body);
        buffer.putInt(total);
        events++;
    }

    /** Writes what is buffered to the file (the file stays open). */
    public void flush() throws IOException {
        ensureOpen();
        drain();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (FileChannel c = channel) {
            drain();
        } catch (IOException e) {
            throw new IOException(fileName + ": cannot write the capture file: " + e.getMessage(), e);
        }
    }

    private void abandon() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // already failing; the first error is the one reported
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException(fileName + ": the capture writer is closed");
        }
    }

    // ---------------------------------------------------------------------------------- metadata

    private void writeMetadata(CaptureMetadata metadata) throws IOException {
        // Whatever version the source section had, what we write is the current 1.2 layout.
        Block shb = new Block(BlockType.SECTION_HEADER);
        shb.out.putInt(CaptureReader.BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 2).putLong(-1L);
        write(shb);
        if (metadata.machine() != null) {
            write(machineInfo(metadata.machine()));
        }
        if (!metadata.processes().isEmpty()) {
            write(processList(metadata.processes()));
        }
        Map<Long, List<FdEntry>> byThread = new LinkedHashMap<>();
        for (FdEntry fd : metadata.fds()) {
            byThread.computeIfAbsent(fd.tid(), tid -> new java.util.ArrayList<>()).add(fd);
        }
        for (Map.Entry<Long, List<FdEntry>> thread : byThread.entrySet()) {
            write(fdList(thread.getKey(), thread.getValue()));
        }
        if (!metadata.users().isEmpty() || !metadata.groups().isEmpty()) {
            write(userList(metadata.users(), metadata.groups()));
        }
        if (!metadata.interfaces().isEmpty()) {
            write(interfaceList(metadata.interfaces()));
        }
    }

    private static Block machineInfo(MachineInfo machine) {
        Block block = new Block(BlockType.MACHINE_INFO);
        ByteBuffer out = block.out;
        out.putInt(machine.cpuCount()).putLong(machine.memoryBytes()).putLong(machine.maxPid());
        byte[] host = machine.hostname().getBytes(StandardCharsets.UTF_8);
        int hostLength = Math.min(host.length, HOSTNAME_BYTES - 1);
        out.put(host, 0, hostLength);
        block.zeros(HOSTNAME_BYTES - hostLength);
        out.putLong(machine.bootTimeNanos()).putLong(machine.flags()).putLong(0).putLong(0);
        assert out.position() == MACHINE_INFO_BODY;
        return block;
    }

    private static Block processList(List<ProcessEntry> processes) {
        Block block = new Block(BlockType.PROCESS_LIST_V9);
        for (ProcessEntry p : processes) {
            int start = block.out.position();
            block.out.putInt(0); // entry length, patched below
            block.out.putLong(p.tid()).putLong(p.pid()).putLong(p.ptid()).putLong(p.sid()).putLong(p.vpgid());
            block.str16(p.comm(), PATH_MAX);
            block.str16(p.exe(), PATH_MAX);
            block.str16(p.exePath(), PATH_MAX);
            block.list16(p.args(), LIST_MAX);
            block.str16(p.cwd(), PATH_MAX);
            block.ensure(64);
            block.out.putLong(p.fdLimit()).putInt(p.flags()).putInt((int) p.uid()).putInt((int) p.gid());
            block.out.putInt((int) p.vmSizeKb()).putInt((int) p.vmRssKb()).putInt((int) p.vmSwapKb());
            block.out.putLong(p.pageFaultsMajor()).putLong(p.pageFaultsMinor());
            block.list16(p.env(), LIST_MAX);
            block.ensure(16);
            block.out.putLong(p.vtid()).putLong(p.vpid());
            block.list16(p.cgroups(), LIST_MAX);
            block.str16(p.root(), PATH_MAX);
            block.ensure(96);
            ByteBuffer out = block.out;
            out.putLong(p.pidNamespaceInitStartNanos()).putInt((int) p.tty()).putInt((int) p.loginUid());
            out.put((byte) (p.exeWritable() ? 1 : 0));
            out.putLong(p.capInheritable()).putLong(p.capPermitted()).putLong(p.capEffective());
            out.put((byte) (p.exeUpperLayer() ? 1 : 0));
            out.putLong(p.exeInode()).putLong(p.exeInodeCtimeNanos()).putLong(p.exeInodeMtimeNanos());
            out.put((byte) (p.exeFromMemfd() ? 1 : 0)).put((byte) (p.exeLowerLayer() ? 1 : 0));
            out.putLong(p.pgid());
            block.out.putInt(start, block.out.position() - start);
        }
        return block;
    }

    private static Block fdList(long tid, List<FdEntry> fds) {
        Block block = new Block(BlockType.FD_LIST_V2);
        block.out.putLong(tid);
        for (FdEntry fd : fds) {
            block.ensure(64);
            int start = block.out.position();
            block.out.putInt(0); // entry length including itself, patched below
            block.out.putLong(fd.fd()).putLong(fd.inode()).put((byte) fd.kind().code());
            switch (fd) {
                case FdEntry.InetSocket s -> {
                    block.ensure(48);
                    block.out.put(s.sourceAddress()).put(s.destinationAddress());
                    block.out.putShort((short) s.sourcePort()).putShort((short) s.destinationPort());
                    block.out.put((byte) s.l4Protocol());
                }
                case FdEntry.InetServerSocket s -> {
                    block.ensure(24);
                    block.out.put(s.address()).putShort((short) s.port()).put((byte) s.l4Protocol());
                }
                case FdEntry.UnixSocket s -> {
                    block.out.putLong(s.source()).putLong(s.destination());
                    block.str16(s.name(), PATH_MAX);
                }
                case FdEntry.Named n when n.kind() == FdKind.FILE_V2 -> {
                    block.out.putInt(n.openFlags());
                    block.str16(n.name(), PATH_MAX);
                    block.ensure(4);
                    block.out.putInt(n.device());
                }
                case FdEntry.Named n -> block.str16(n.name(), PATH_MAX);
            }
            block.out.putInt(start, block.out.position() - start);
        }
        return block;
    }

    private static Block userList(List<UserEntry> users, List<GroupEntry> groups) {
        Block block = new Block(BlockType.USER_LIST_V2);
        for (UserEntry user : users) {
            block.ensure(16);
            int start = block.out.position();
            block.out.putInt(0).put((byte) 0).putInt((int) user.uid()).putInt((int) user.gid());
            block.str16(user.name(), USER_STRING_MAX);
            block.str16(user.homeDirectory(), USER_STRING_MAX);
            block.str16(user.shell(), USER_STRING_MAX);
            block.out.putInt(start, block.out.position() - start);
        }
        for (GroupEntry group : groups) {
            block.ensure(16);
            int start = block.out.position();
            block.out.putInt(0).put((byte) 1).putInt((int) group.gid());
            block.str16(group.name(), USER_STRING_MAX);
            block.out.putInt(start, block.out.position() - start);
        }
        return block;
    }

    private static Block interfaceList(List<NetworkInterface> interfaces) {
        Block block = new Block(BlockType.INTERFACE_LIST_V2);
        for (NetworkInterface i : interfaces) {
            byte[] name = i.name().getBytes(StandardCharsets.UTF_8);
            int nameLength = Math.min(name.length, PATH_MAX);
            block.ensure(80 + nameLength);
            int start = block.out.position();
            block.out.putInt(0); // length of the rest of the entry, patched below
            block.out.putShort((short) (i.ipv6() ? 2 : 1)).putShort((short) nameLength);
            block.out.put(i.address()).put(i.netmask()).put(i.broadcast()).putLong(i.linkSpeed());
            block.out.put(name, 0, nameLength);
            block.out.putInt(start, block.out.position() - start - 4);
        }
        return block;
    }

    // ---------------------------------------------------------------------------------- buffering

    private void write(Block block) throws IOException {
        int body = block.out.position();
        int total = 12 + pad(body);
        reserve(total);
        buffer.putInt(block.type).putInt(total);
        buffer.put(block.out.flip());
        zeros(pad(body) - body);
        buffer.putInt(total);
    }

    private void reserve(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return;
        }
        drain();
        if (buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    private void zeros(int n) {
        for (int i = 0; i < n; i++) {
            buffer.put((byte) 0);
        }
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }

    /** The body of one metadata block, grown as needed. */
    private static final class Block {
        final int type;
        ByteBuffer out = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

        Block(int type) {
            this.type = type;
        }

        void ensure(int bytes) {
            if (out.remaining() < bytes) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes))
                        .order(ByteOrder.LITTLE_ENDIAN);
                out.flip();
                bigger.put(out);
                out = bigger;
            }
        }

        void zeros(int n) {
            ensure(n);
            for (int i = 0; i < n; i++) {
                out.put((byte) 0);
            }
        }

        /** {@code u16 length + bytes}, cut to the reader's limit. */
        void str16(String text, int max) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            int length = Math.min(bytes.length, max);
            ensure(2 + length);
            out.putShort((short) length).put(bytes, 0, length);
        }

        /** NUL-terminated items behind one u16 length; items that would pass the limit are left out. */
        void list16(List<String> items, int max) {
            ensure(2 + max);
            int lengthAt = out.position();
            out.putShort((short) 0);
            int length = 0;
            for (String item : items) {
                byte[] bytes = item.getBytes(StandardCharsets.UTF_8);
                if (length + bytes.length + 1 > max) {
                    break;
                }
                out.put(bytes).put((byte) 0);
                length += bytes.length + 1;
            }
            out.putShort(lengthAt, (short) length);
        }
    }
}
