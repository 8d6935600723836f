package dev.peregrine.plugin.cloudtrail;

import dev.peregrine.api.PluginException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Finds the log files of an {@code s3://bucket/prefix} source (cloudtrail.md §5.1): derives the
 * listing prefixes of CloudTrail's {@code AWSLogs/} layout, splits them into one origin per region
 * folder (starting at the interval's first day), lists the origins in parallel chunks and keeps
 * the {@code .json}/{@code .json.gz} keys whose name stamp lies in the interval. Keys keep S3's
 * order per origin; origins are concatenated in discovery order.
 */
final class S3KeyLister {

    private static final Pattern ACCOUNT_LIST = Pattern.compile("^(\\d{12}\\s*,?\\s*)*$");
    private static final Pattern ACCOUNT_FOLDER =
            Pattern.compile(".*/AWSLogs(/o-[a-z0-9]{10,32})?/\\d{12}/?$");
    private static final Pattern ORGANISATION_ROOT = Pattern.compile(".*/AWSLogs(/o-[a-z0-9]{10,32})?/?$");
    private static final Pattern ACCOUNT_ID_FOLDER = Pattern.compile(".*/\\d{12}/$");
    private static final Pattern NAME_STAMP = Pattern.compile("_CloudTrail_[^_]+_(\\d{8}T\\d{4})Z_");

    private final S3Client s3;
    private final String bucket;
    private final int concurrency;

    S3KeyLister(S3Client s3, String bucket, int concurrency) {
        this.s3 = s3;
        this.bucket = bucket;
        this.concurrency = concurrency;
    }

    /** Checks the account list and returns its account IDs. */
    static List<String> accounts(String accountList) throws PluginException {
        if (!ACCOUNT_LIST.matcher(accountList).matches()) {
            throw new PluginException("cloudtrail invalid account list: \"" + accountList + "\"");
        }
        List<String> accounts = new ArrayList<>();
        for (String part : accountList.split(",")) {
            String account = part.strip();
            if (!account.isEmpty()) {
                accounts.add(account);
            }
        }
        return accounts;
    }

    /** The log files under {@code prefix}, filtered by {@code interval} (null for none). */
    List<LogFile> list(String prefix, List<String> accounts, S3Interval interval) throws PluginException {
        List<Origin> origins = new ArrayList<>();
        for (String listingPrefix : listingPrefixes(prefix, accounts)) {
            if (listingPrefix.endsWith("/CloudTrail/")) {
                for (String region : commonPrefixesQuietly(listingPrefix)) {
                    origins.add(new Origin(region, interval == null ? null : region + interval.startDayFolder()));
                }
            }
        }
        S3Interval filter = interval;
        if (origins.isEmpty()) {
            origins.add(new Origin(prefix, null));
            filter = null;
        }
        List<LogFile> files = new ArrayList<>();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int chunk = 0; chunk < origins.size(); chunk += concurrency) {
                List<Future<List<String>>> listings = new ArrayList<>();
                for (Origin origin : origins.subList(chunk, Math.min(origins.size(), chunk + concurrency))) {
                    listings.add(workers.submit(() -> keys(origin)));
                }
                for (Future<List<String>> listing : listings) {
                    for (String key : await(listing)) {
                        if (LogFile.isLogFileName(key) && inInterval(key, filter)) {
                            files.add(LogFile.inBucket(bucket, key));
                        }
                    }
                }
            }
        }
        return files;
    }

    private static boolean inInterval(String key, S3Interval interval) {
        if (interval == null) {
            return true;
        }
        Matcher stamp = NAME_STAMP.matcher(key);
        return !stamp.find() || interval.containsStamp(stamp.group(1));
    }

    /** Step 2: the prefixes to look for region folders under (or to list as they are). */
    private List<String> listingPrefixes(String prefix, List<String> accounts) throws PluginException {
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        if (ACCOUNT_FOLDER.matcher(prefix).matches()) {
            return List.of(trimmed + "/CloudTrail/");
        }
        if (ORGANISATION_ROOT.matcher(prefix).matches()) {
            List<String> prefixes = new ArrayList<>();
            if (!accounts.isEmpty()) {
                for (String account : accounts) {
                    prefixes.add(trimmed + "/" + account + "/CloudTrail/");
                }
                return prefixes;
            }
            for (String folder : commonPrefixes(trimmed + "/")) {
                if (ACCOUNT_ID_FOLDER.matcher(folder).matches()) {
                    prefixes.add(folder + "CloudTrail/");
                }
            }
            return prefixes;
        }
        return List.of(prefix);
    }

    private List<String> commonPrefixesQuietly(String prefix) {
        try {
            return commonPrefixes(prefix);
        } catch (PluginException | RuntimeException ignored) {
            // Upstream ignores listing errors while looking for region folders.
            return List.of();
        }
    }

    private List<String> commonPrefixes(String prefix) throws PluginException {
        List<String> folders = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                    .bucket(bucket).prefix(prefix).delimiter("/").build())) {
                for (CommonPrefix folder : page.commonPrefixes()) {
                    folders.add(folder.prefix());
                }
            }
        } catch (RuntimeException e) {
            throw listingError(e);
        }
        return folders;
    }

    private List<String> keys(Origin origin) throws PluginException {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(origin.prefix());
        if (origin.startAfter() != null) {
            request.startAfter(origin.startAfter());
        }
        List<String> keys = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request.build())) {
                for (S3Object object : page.contents()) {
                    keys.add(object.key());
                }
            }
        } catch (RuntimeException e) {
            throw listingError(e);
        }
        return keys;
    }

    private static List<String> await(Future<List<String>> listing) throws PluginException {
        try {
            return listing.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PluginException failure) {
                throw failure;
            }
            throw listingError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException("cloudtrail plugin error: failed to list objects: interrupted", e);
        }
    }

    /** {@code <code>: <message>} for service errors, {@code failed to list objects: ...} otherwise. */
    static PluginException listingError(Throwable e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return new PluginException("cloudtrail plugin error: " + service.awsErrorDetails().errorCode() + ": "
                    + service.awsErrorDetails().errorMessage(), e);
        }
        return new PluginException("cloudtrail plugin error: failed to list objects: " + e.getMessage(), e);
    }

    /** One listing: a key prefix and where to start in it (null for the beginning). */
    private record Origin(String prefix, String startAfter) {
    }
}
