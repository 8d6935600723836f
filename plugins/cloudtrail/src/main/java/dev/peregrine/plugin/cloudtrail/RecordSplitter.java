package dev.peregrine.plugin.cloudtrail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts the candidate records out of a CloudTrail log file without parsing it: every object that
 * opens at brace depth 1 (normally an element of {@code Records}) is returned as its original
 * bytes. Braces inside strings do not count; brackets are ignored; an unterminated trailing
 * object is dropped.
 */
final class RecordSplitter {

    private RecordSplitter() {
    }

    /** The candidate records of {@code content}, in file order. */
    static List<byte[]> split(byte[] content) {
        List<byte[]> records = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean inString = false;
        for (int pos = 0; pos < content.length; pos++) {
            byte c = content[pos];
            if (inString) {
                if (c == '\\') {
                    pos++; // the escaped character can be neither a quote nor a backslash that matters
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{' -> {
                    if (depth == 1) {
                        start = pos;
                    }
                    depth++;
                }
                case '}' -> {
                    depth--;
                    if (depth == 1) {
                        records.add(Arrays.copyOfRange(content, start, pos + 1));
                    }
                }
                default -> {
                }
            }
        }
        return records;
    }
}
