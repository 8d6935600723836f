package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The {@code file://} source: follows one audit log from its end, like {@code tail -F}. A file
 * that shrinks (copy-truncate rotation) is read again from the start; a file replaced by a new
 * one (rename rotation) is reopened from the start. Only newline-terminated lines are consumed.
 * Never ends: TIMEOUT while nothing new is there.
 */
final class WatchStream implements EventStream {

    private static final long IDLE_MILLIS = 30;
    private static final int CHUNK = 1 << 20;

    private final Path file;
    private final AuditEvents splitter;
    private final long maxLine;
    private final AuditEvents.Log log;
    private final ArrayDeque<AuditEvents.AuditEvent> pending = new ArrayDeque<>();
    private final List<AuditEvents.AuditEvent> scratch = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK);

    private FileChannel channel;
    private Object fileKey;
    private long offset;
    private boolean discarding;

    WatchStream(Path file, AuditEvents splitter, long maxLine, AuditEvents.Log log) throws PluginException {
        this.file = file;
        this.splitter = splitter;
        this.maxLine = maxLine;
        this.log = log;
        if (file.toString().isEmpty()) {
            throw new PluginException(K8sAuditPlugin.NAME + ": file:// open params must name a file, e.g. file:///var/log/audit.log");
        }
        if (Files.isRegularFile(file)) {
            reopen();
            try {
                offset = channel.size();
            } catch (IOException e) {
                throw new PluginException(K8sAuditPlugin.NAME + ": cannot open " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public BatchStatus nextBatch(EventBatch batch) throws PluginException {
        if (pending.isEmpty()) {
            readNewLines();
        }
        if (pending.isEmpty()) {
            sleepBriefly();
            return BatchStatus.TIMEOUT;
        }
        while (batch.remaining() > 0 && !pending.isEmpty()) {
            AuditEvents.AuditEvent event = pending.peekFirst();
            if (!batch.add(event.timestampNanos(), event.payload())) {
                break;
            }
            pending.removeFirst();
        }
        return BatchStatus.SUCCESS;
    }

    private void readNewLines() throws PluginException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException gone) {
            closeChannel();
            return;
        } catch (IOException e) {
            log.warning("cannot stat " + file + ": " + e.getMessage());
            return;
        }
        try {
            if (channel == null || !Objects.equals(fileKey, attributes.fileKey())) {
                reopen();
                offset = 0;
                resetLine();
            }
            long size = channel.size();
            if (size < offset) {
                offset = 0;
                resetLine();
            }
            while (offset < size) {
                buffer.clear();
                int read = channel.read(buffer, offset);
                if (read <= 0) {
                    break;
                }
                offset += read;
                consume(buffer.array(), read);
            }
        } catch (IOException e) {
            log.warning("cannot read " + file + ": " + e.getMessage());
            closeChannel();
        }
    }

    private void consume(byte[] bytes, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            appendPartial(bytes, start, i - start);
            if (!discarding) {
                line(partial.toByteArray());
            }
            resetLine();
            start = i + 1;
        }
        appendPartial(bytes, start, length - start);
    }

    private void appendPartial(byte[] bytes, int start, int length) {
        if (discarding || length == 0) {
            return;
        }
        if (partial.size() + (long) length > maxLine) {
            log.warning("line of " + file + " longer than maxEventSize (" + maxLine + " bytes) dropped");
            discarding = true;
            partial.reset();
            return;
        }
        partial.write(bytes, start, length);
    }

    private void line(byte[] text) {
        int end = text.length;
        while (end > 0 && Character.isWhitespace(text[end - 1])) {
            end--;
        }
        if (end == 0) {
            return;
        }
        scratch.clear();
        splitter.split(end == text.length ? text : Arrays.copyOf(text, end), scratch);
        pending.addAll(scratch);
    }

    private void resetLine() {
        partial.reset();
        discarding = false;
    }

    private void reopen() throws PluginException {
        closeChannel();
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            channel = null;
            throw new PluginException(K8sAuditPlugin.NAME + ": cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing to recover: the file is reopened when it shows up again.
            }
            channel = null;
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(IDLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String progressText() {
        return file.toString();
    }

    @Override
    public void close() {
        closeChannel();
    }
}
