package dev.peregrine.plugin.cloudtrail;

import java.io.IOException;

/** Fetches the raw (possibly gzipped) bytes of a log file. */
@FunctionalInterface
interface LogFileReader {

    /** The whole content of {@code file}. */
    byte[] read(LogFile file) throws IOException;
}
