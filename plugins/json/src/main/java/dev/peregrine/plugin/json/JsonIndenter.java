package dev.peregrine.plugin.json;

/**
 * Re-indents a valid JSON document as Go's {@code json.Indent(dst, src, "", "  ")} does, which is
 * what the upstream plugin returns for {@code json.obj}: whitespace between tokens is dropped,
 * strings and literals are copied byte for byte, every element and member starts on its own line
 * indented by two spaces per level, {@code "key": value} has one space, empty objects and arrays
 * stay {@code {}} / {@code []}, and whitespace after the top-level value is kept.
 */
public final class JsonIndenter {

    private JsonIndenter() {
    }

    /** The indented text of {@code json}, which must already be known to be valid. */
    public static String indent(String json) {
        StringBuilder out = new StringBuilder(json.length() * 2);
        int depth = 0;
        boolean pendingIndent = false;
        boolean inString = false;
        boolean escaped = false;
        boolean started = false;
        int length = json.length();
        int end = topLevelEnd(json);
        for (int i = 0; i < length; i++) {
            char c = json.charAt(i);
            if (i >= end) {
                out.append(c); // whitespace after the document is preserved
                continue;
            }
            if (inString) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (pendingIndent && c != ']' && c != '}') {
                pendingIndent = false;
                depth++;
                newline(out, depth);
            }
            started = true;
            switch (c) {
                case '"' -> {
                    inString = true;
                    out.append(c);
                }
                case '{', '[' -> {
                    pendingIndent = true;
                    out.append(c);
                }
                case ',' -> {
                    out.append(c);
                    newline(out, depth);
                }
                case ':' -> out.append(": ");
                case '}', ']' -> {
                    if (pendingIndent) {
                        pendingIndent = false; // empty container stays on one line
                    } else {
                        depth--;
                        newline(out, depth);
                    }
                    out.append(c);
                }
                default -> out.append(c);
            }
        }
        return started ? out.toString() : "";
    }

    private static void newline(StringBuilder out, int depth) {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    /** Index just after the last non-whitespace character. */
    private static int topLevelEnd(String json) {
        int end = json.length();
        while (end > 0) {
            char c = json.charAt(end - 1);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            end--;
        }
        return end;
    }
}
