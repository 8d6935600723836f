package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.PluginException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Resolves a replay path: a file, a directory (its regular files by mtime) or a glob of files. */
final class ReplayFiles {

    private ReplayFiles() {
    }

    /** The files to replay, in order. */
    static List<Path> list(String spec) throws PluginException {
        if (spec.isEmpty()) {
            throw new PluginException(K8sAuditPlugin.NAME + ": open params must name an audit log file, directory or URL");
        }
        Path path = Path.of(spec);
        try {
            if (Files.isRegularFile(path)) {
                return List.of(path);
            }
            if (Files.isDirectory(path)) {
                try (Stream<Path> entries = Files.list(path)) {
                    return byModificationTime(entries.filter(Files::isRegularFile).toList());
                }
            }
            if (isGlob(spec)) {
                return glob(path);
            }
        } catch (IOException e) {
            throw new PluginException(K8sAuditPlugin.NAME + ": cannot list " + spec + ": " + e.getMessage(), e);
        }
        throw new PluginException(K8sAuditPlugin.NAME + ": no such file or directory: " + spec);
    }

    private static boolean isGlob(String spec) {
        return spec.indexOf('*') >= 0 || spec.indexOf('?') >= 0 || spec.indexOf('[') >= 0;
    }

    /** Globs match file names inside one (glob-free) parent directory. */
    private static List<Path> glob(Path pattern) throws IOException, PluginException {
        Path parent = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
        if (isGlob(parent.toString())) {
            throw new PluginException(K8sAuditPlugin.NAME + ": wildcards are only supported in the file name: " + pattern);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
        List<Path> matches = new ArrayList<>();
        if (Files.isDirectory(parent)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
                for (Path entry : entries) {
                    if (matcher.matches(entry.getFileName()) && Files.isRegularFile(entry)) {
                        matches.add(entry);
                    }
                }
            }
        }
        if (matches.isEmpty()) {
            throw new PluginException(K8sAuditPlugin.NAME + ": no file matches " + pattern);
        }
        return byModificationTime(matches);
    }

    private static List<Path> byModificationTime(List<Path> files) throws IOException {
        List<Path> sorted = new ArrayList<>(files);
        List<FileTime> times = new ArrayList<>();
        for (Path file : sorted) {
            times.add(Files.getLastModifiedTime(file));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer, FileTime>comparing(times::get).thenComparing(i -> sorted.get(i).toString()));
        return order.stream().map(sorted::get).toList();
    }
}
