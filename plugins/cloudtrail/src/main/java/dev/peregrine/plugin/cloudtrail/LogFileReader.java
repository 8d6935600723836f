package dev.peregrine.plugin.cloudtrail;

import java.io.IOException;
import java.util.List;

/** Fetches the raw (possibly gzipped) bytes of a log file. */
@FunctionalInterface
interface LogFileReader {

    /**
     * The whole content of {@code files.get(index)}. The list is the stream's file list so far,
     * so a reader may fetch the following files ahead of time.
     */
    byte[] read(List<LogFile> files, int index) throws IOException;
}
