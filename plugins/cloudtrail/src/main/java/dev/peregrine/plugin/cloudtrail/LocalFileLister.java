package dev.peregrine.plugin.cloudtrail;

import dev.peregrine.api.PluginException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the log files under a local path like Go's {@code filepath.Walk}: recursively, entries of
 * each directory in lexical order, symbolic links not followed into, unreadable directories skipped.
 */
final class LocalFileLister {

    private LocalFileLister() {
    }

    /** The log files of {@code path}, in walk order. */
    static List<LogFile> list(String path) throws PluginException {
        if (path.isEmpty()) {
            throw new PluginException(CloudTrailPlugin.NAME + " plugin error: missing input directory argument");
        }
        Path root;
        try {
            root = Path.of(path);
        } catch (RuntimeException invalidPath) {
            throw new PluginException(CloudTrailPlugin.NAME + " plugin error: cannot open " + path);
        }
        if (!Files.exists(root)) {
            throw new PluginException(CloudTrailPlugin.NAME + " plugin error: cannot open " + path);
        }
        List<LogFile> files = new ArrayList<>();
        walk(path, root, files);
        if (files.isEmpty()) {
            throw new PluginException(CloudTrailPlugin.NAME + " plugin error: no json files found in " + path);
        }
        return files;
    }

    private static void walk(String name, Path path, List<LogFile> files) {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            List<String> children = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path entry : entries) {
                    children.add(entry.getFileName().toString());
                }
            } catch (IOException | RuntimeException unreadable) {
                // Upstream's walk callback ignores directory read errors: the directory is skipped.
                return;
            }
            children.sort(String::compareTo);
            String prefix = name.endsWith("/") ? name : name + "/";
            for (String child : children) {
                walk(prefix + child, path.resolve(child), files);
            }
            return;
        }
        if (LogFile.isLogFileName(name)) {
            files.add(LogFile.named(name));
        }
    }
}
