package dev.peregrine.plugin.cloudtrail;

/**
 * One CloudTrail log file to read.
 *
 * @param bucket     the S3 bucket holding it, empty for a local file
 * @param name       local path or S3 key
 * @param compressed true when the name ends with {@code .json.gz} (the content is gunzipped)
 */
public record LogFile(String bucket, String name, boolean compressed) {

    /** A local log file named {@code name}, compressed when its name says so. */
    public static LogFile named(String name) {
        return new LogFile("", name, name.endsWith(".json.gz"));
    }

    /** The object {@code key} of {@code bucket}, compressed when its name says so. */
    public static LogFile inBucket(String bucket, String key) {
        return new LogFile(bucket, key, key.endsWith(".json.gz"));
    }

    /**
     * True for names upstream reads: extension exactly {@code .json} (the text after the last dot
     * of the last path element) or ending with {@code .json.gz}; case-sensitive.
     */
    public static boolean isLogFileName(String name) {
        if (name.endsWith(".json.gz")) {
            return true;
        }
        int lastSlash = name.lastIndexOf('/');
        int lastDot = name.lastIndexOf('.');
        return lastDot > lastSlash && name.substring(lastDot).equals(".json");
    }
}
