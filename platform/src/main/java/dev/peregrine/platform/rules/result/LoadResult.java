package dev.peregrine.platform.rules.result;

import java.util.List;

/**
 * The outcome of loading one rules file: at most one error (loading stops there) and any number
 * of warnings.
 */
public record LoadResult(String fileName, List<LoadMessage> errors, List<LoadMessage> warnings) {
    public LoadResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** True when the file loaded without error. */
    public boolean successful() {
        return errors.isEmpty();
    }

    /** True when any warning was reported. */
    public boolean hasWarnings() {
        return !warnings.isEmpty();
    }

    /**
     * Falco's one-line summary, e.g. {@code rules.yaml: Ok, with warnings} followed by the
     * {@code  N warnings: [CODE (text) ...]} line.
     */
    public String summary() {
        StringBuilder out = new StringBuilder();
        if (!fileName.isEmpty()) {
            out.append(fileName).append(": ");
        }
        out.append(successful() ? (warnings.isEmpty() ? "Ok" : "Ok, with warnings") : "Invalid");
        appendCodes(out, errors, "errors");
        appendCodes(out, warnings, "warnings");
        return out.toString();
    }

    /**
     * Falco's verbose text (what {@code -V} prints for a failed file or logs for warnings): the
     * status line, then each error and warning with its location chain, snippet and message.
     */
    public String verboseText() {
        StringBuilder out = new StringBuilder();
        if (!fileName.isEmpty()) {
            out.append(fileName).append(": ");
        }
        out.append(successful() ? (warnings.isEmpty() ? "Ok" : "Ok, with warnings") : "Invalid");
        appendVerbose(out, errors, "Errors");
        appendVerbose(out, warnings, "Warnings");
        return out.toString();
    }

    private static void appendVerbose(StringBuilder out, List<LoadMessage> messages, String what) {
        if (messages.isEmpty()) {
            return;
        }
        out.append('\n').append(messages.size()).append(' ').append(what).append(":\n");
        for (LoadMessage m : messages) {
            boolean first = true;
            for (Location l : m.context()) {
                out.append(first ? "In " : "    ").append(l.itemType().label());
                first = false;
                if (!l.itemName().isEmpty()) {
                    out.append(" '").append(l.itemName()).append('\'');
                }
                out.append(": (").append(l.fileName()).append(':').append(l.line()).append(':').append(l.column())
                        .append(")\n");
            }
            out.append("------\n").append(m.snippet()).append("------\n");
            out.append(m.code().name()).append(" (").append(m.code().shortText()).append("): ").append(m.message())
                    .append('\n');
        }
    }

    private static void appendCodes(StringBuilder out, List<LoadMessage> messages, String what) {
        if (messages.isEmpty()) {
            return;
        }
        out.append('\n').append(' ').append(messages.size()).append(' ').append(what).append(": [");
        for (int i = 0; i < messages.size(); i++) {
            LoadCode code = messages.get(i).code();
            if (i > 0) {
                out.append(' ');
            }
            out.append(code.name()).append(" (").append(code.shortText()).append(')');
        }
        out.append(']');
    }
}
