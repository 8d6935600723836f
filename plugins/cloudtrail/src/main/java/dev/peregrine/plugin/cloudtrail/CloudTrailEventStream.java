package dev.peregrine.plugin.cloudtrail;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.PluginException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads log files one after the other and emits their records in file order, then record order,
 * with {@code eventTime} as the timestamp; EOF after the last file unless a {@link LogFileFeed}
 * supplies more (TIMEOUT while it has none). State is in memory only: the file list, the next
 * file and the records of the current file.
 */
final class CloudTrailEventStream implements EventStream {

    /** Largest payload the upstream SDK writes (its default event size). */
    static final int MAX_PAYLOAD = 256 * 1024;

    private final List<LogFile> files;
    private final LogFileReader reader;
    private final LogFileFeed feed;
    private final List<AutoCloseable> resources;
    private final RecordFilter filter = new RecordFilter();

    private int nextFile;
    private List<byte[]> records = List.of();
    private int nextRecord;

    CloudTrailEventStream(List<LogFile> files, LogFileReader reader) {
        this(files, reader, LogFileFeed.FINISHED);
    }

    CloudTrailEventStream(List<LogFile> files, LogFileReader reader, LogFileFeed feed, AutoCloseable... resources) {
        this.files = new ArrayList<>(files);
        this.reader = reader;
        this.feed = feed;
        this.resources = List.of(resources);
    }

    /** Releases the stream's clients. */
    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // Closing is best effort: the stream is finished either way.
            }
        }
    }

    @Override
    public BatchStatus nextBatch(EventBatch batch) throws PluginException {
        while (batch.remaining() > 0) {
            if (nextRecord >= records.size()) {
                if (nextFile >= files.size()) {
                    List<LogFile> more = feed.more();
                    if (more == null) {
                        return BatchStatus.EOF;
                    }
                    if (more.isEmpty()) {
                        return BatchStatus.TIMEOUT;
                    }
                    files.addAll(more);
                }
                loadNextFile();
                continue;
            }
            byte[] record = records.get(nextRecord);
            long timestamp = filter.timestampOf(record);
            if (timestamp == RecordFilter.SKIP) {
                // Upstream ends the batch early here; the events and their order are the same.
                nextRecord++;
                continue;
            }
            if (record.length > MAX_PAYLOAD) {
                throw new PluginException("short write");
            }
            if (!batch.add(timestamp, record)) {
                break;
            }
            nextRecord++;
        }
        return BatchStatus.SUCCESS;
    }

    private void loadNextFile() throws PluginException {
        int index = nextFile++;
        LogFile file = files.get(index);
        records = List.of();
        nextRecord = 0;
        byte[] content;
        try {
            content = reader.read(Collections.unmodifiableList(files), index);
        } catch (IOException e) {
            throw new PluginException(CloudTrailPlugin.NAME + " plugin error: cannot read " + file.name() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        if (file.compressed()) {
            try {
                content = gunzip(content);
            } catch (IOException corrupt) {
                // Upstream skips a file that does not gunzip, silently.
                return;
            }
        }
        records = RecordSplitter.split(content);
    }

    private static byte[] gunzip(byte[] content) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
            return in.readAllBytes();
        }
    }

    /** Files started so far out of all files, in hundredths of a percent. */
    @Override
    public int progress() {
        if (files.isEmpty()) {
            return -1;
        }
        return (int) ((long) nextFile * 10_000 / files.size());
    }

    /** {@code "<pct>% - <cur>/<total> files"}, the percentage with two decimals. */
    @Override
    public String progressText() {
        String percent = files.isEmpty() ? "NaN"
                : new BigDecimal((double) nextFile / files.size() * 100).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
        return percent + "% - " + nextFile + "/" + files.size() + " files";
    }
}
