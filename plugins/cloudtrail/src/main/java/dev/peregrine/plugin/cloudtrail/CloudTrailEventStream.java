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
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a fixed list of log files one after the other and emits their records in file order,
 * then record order, with {@code eventTime} as the timestamp; EOF after the last file. State is
 * in memory only: the file list, the next file and the records of the current file.
 */
final class CloudTrailEventStream implements EventStream {

    /** Largest payload the upstream SDK writes (its default event size). */
    static final int MAX_PAYLOAD = 256 * 1024;

    private final List<LogFile> files;
    private final LogFileReader reader;
    private final RecordFilter filter = new RecordFilter();

    private int nextFile;
    private List<byte[]> records = List.of();
    private int nextRecord;

    CloudTrailEventStream(List<LogFile> files, LogFileReader reader) {
        this.files = List.copyOf(files);
        this.reader = reader;
    }

    @Override
    public BatchStatus nextBatch(EventBatch batch) throws PluginException {
        while (batch.remaining() > 0) {
            if (nextRecord >= records.size()) {
                if (nextFile >= files.size()) {
                    return BatchStatus.EOF;
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
        LogFile file = files.get(nextFile++);
        records = List.of();
        nextRecord = 0;
        byte[] content;
        try {
            content = reader.read(file);
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
