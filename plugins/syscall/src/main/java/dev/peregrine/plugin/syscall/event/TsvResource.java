package dev.peregrine.plugin.syscall.event;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the plugin's generated, checked-in tables: tab-separated rows with a fixed column count;
 * blank lines and {@code #} comments are skipped. A missing or malformed table is a packaging bug.
 */
public final class TsvResource {

    private TsvResource() {
    }

    /**
     * @param anchor   class whose package the resource name is relative to
     * @param resource resource name
     * @param columns  the number of cells every row must have
     */
    public static List<String[]> rows(Class<?> anchor, String resource, int columns) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the syscall plugin");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (cells.length != columns) {
                    throw new IllegalStateException(resource + ": expected " + columns + " columns in: " + line);
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }
}
