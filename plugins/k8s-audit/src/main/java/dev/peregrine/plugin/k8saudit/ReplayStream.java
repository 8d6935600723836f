package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.support.json.JsonDocumentParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Replays audit log files one after the other: each file is JSON Lines (one payload per non-empty
 * line) or one JSON document spanning several lines, optionally gzip-compressed. Ends with EOF.
 */
final class ReplayStream implements EventStream {

    private final List<Path> files;
    private final AuditEvents splitter;
    private final long maxLine;
    private final JsonDocumentParser probe = new JsonDocumentParser();
    private final ArrayDeque<AuditEvents.AuditEvent> pending = new ArrayDeque<>();
    private final List<AuditEvents.AuditEvent> scratch = new ArrayList<>();

    private int nextFile;
    private Path current;
    private byte[] content;
    private int position;
    private int lineNumber;

    ReplayStream(List<Path> files, AuditEvents splitter, long maxLine) {
        this.files = List.copyOf(files);
        this.splitter = splitter;
        this.maxLine = maxLine;
    }

    @Override
    public BatchStatus nextBatch(EventBatch batch) throws PluginException {
        int added = 0;
        while (batch.remaining() > 0) {
            AuditEvents.AuditEvent event = pending.peekFirst();
            if (event == null) {
                if (!refill()) {
                    return added == 0 ? BatchStatus.EOF : BatchStatus.SUCCESS;
                }
                continue;
            }
            if (!batch.add(event.timestampNanos(), event.payload())) {
                break;
            }
            pending.removeFirst();
            added++;
        }
        return BatchStatus.SUCCESS;
    }

    /** Loads the next payload's events into {@code pending}; false at the end of all files. */
    private boolean refill() throws PluginException {
        while (true) {
            if (content == null || position >= content.length) {
                if (nextFile >= files.size()) {
                    return false;
                }
                load(files.get(nextFile++));
                continue;
            }
            int end = position;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            int start = position;
            position = end + 1;
            lineNumber++;
            if (end - start > maxLine) {
                throw new PluginException(K8sAuditPlugin.NAME + ": line " + lineNumber + " of " + current
                        + " is longer than " + maxLine + " bytes");
            }
            int trimmedEnd = end;
            while (trimmedEnd > start && Character.isWhitespace(content[trimmedEnd - 1])) {
                trimmedEnd--;
            }
            int trimmedStart = start;
            while (trimmedStart < trimmedEnd && Character.isWhitespace(content[trimmedStart])) {
                trimmedStart++;
            }
            if (trimmedStart == trimmedEnd) {
                continue;
            }
            scratch.clear();
            splitter.split(Arrays.copyOfRange(content, trimmedStart, trimmedEnd), scratch);
            if (!scratch.isEmpty()) {
                pending.addAll(scratch);
                return true;
            }
        }
    }

    private void load(Path file) throws PluginException {
        current = file;
        lineNumber = 0;
        position = 0;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
            if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    bytes = in.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new PluginException(K8sAuditPlugin.NAME + ": cannot read " + file + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        content = spansLines(bytes) && probe.parse(bytes).isPresent() ? oneLine(bytes) : bytes;
    }

    /** True when the text has a newline before its trailing whitespace (a candidate pretty-printed document). */
    private static boolean spansLines(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && Character.isWhitespace(bytes[end - 1])) {
            end--;
        }
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    /** A whole-file JSON document as one line: its newlines are insignificant whitespace. */
    private static byte[] oneLine(byte[] bytes) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == '\n' || copy[i] == '\r') {
                copy[i] = ' ';
            }
        }
        return copy;
    }

    /** Files started so far out of all files, in hundredths of a percent. */
    @Override
    public int progress() {
        return files.isEmpty() ? -1 : (int) ((long) nextFile * 10_000 / files.size());
    }

    @Override
    public String progressText() {
        return current == null ? "" : current.toString();
    }
}
