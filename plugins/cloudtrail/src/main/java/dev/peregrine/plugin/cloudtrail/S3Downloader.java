package dev.peregrine.plugin.cloudtrail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reads log files from S3 in groups (cloudtrail.md §5.3): when a file is not downloaded yet, it
 * and the following files, up to the download concurrency, are fetched in parallel and then
 * consumed in list order. Any download error fails the read.
 */
final class S3Downloader implements LogFileReader {

    private final S3Client s3;
    private final int concurrency;
    private final Map<Integer, byte[]> downloaded = new HashMap<>();

    S3Downloader(S3Client s3, int concurrency) {
        this.s3 = s3;
        this.concurrency = concurrency;
    }

    @Override
    public byte[] read(List<LogFile> files, int index) throws IOException {
        byte[] content = downloaded.remove(index);
        if (content != null) {
            return content;
        }
        int end = Math.min(files.size(), index + concurrency);
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<byte[]>> downloads = new ArrayList<>();
            for (int i = index; i < end; i++) {
                LogFile file = files.get(i);
                downloads.add(workers.submit(() -> s3.getObjectAsBytes(b -> b.bucket(file.bucket()).key(file.name()))
                        .asByteArray()));
            }
            for (int i = index; i < end; i++) {
                downloaded.put(i, downloads.get(i - index).get());
            }
        } catch (ExecutionException e) {
            downloaded.clear();
            Throwable cause = e.getCause();
            throw new IOException(cause instanceof software.amazon.awssdk.awscore.exception.AwsServiceException service
                    && service.awsErrorDetails() != null
                    ? service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage()
                    : String.valueOf(cause.getMessage()), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return downloaded.remove(index);
    }
}
