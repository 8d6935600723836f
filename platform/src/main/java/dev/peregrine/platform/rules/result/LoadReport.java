package dev.peregrine.platform.rules.result;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the messages of one file's load and turns them into a {@link LoadResult}, cutting
 * snippets from the contents of every file loaded so far (messages can point at earlier files).
 */
public final class LoadReport {

    private static final int SNIPPET_WIDTH = 160;

    private final String fileName;
    private final Map<String, String> contents;
    private final List<LoadMessage> errors = new ArrayList<>();
    private final List<LoadMessage> warnings = new ArrayList<>();

    /**
     * @param fileName the file this report is for
     * @param contents file name to content of every file loaded so far (shared, read only here)
     */
    public LoadReport(String fileName, Map<String, String> contents) {
        this.fileName = fileName;
        this.contents = contents;
    }

    /** A report over a single file's content. */
    public static LoadReport single(String fileName, String content) {
        Map<String, String> contents = new HashMap<>();
        contents.put(fileName, content);
        return new LoadReport(fileName, contents);
    }

    public void warn(LoadCode code, String message, Context context) {
        if (code.isError()) {
            throw new IllegalArgumentException(code + " is an error code");
        }
        warnings.add(new LoadMessage(code, message, context.locations(), snippet(context)));
    }

    public void error(LoadException e) {
        errors.add(new LoadMessage(e.code(), e.getMessage(), e.context().locations(), snippet(e.context())));
    }

    public boolean failed() {
        return !errors.isEmpty();
    }

    public List<LoadMessage> warnings() {
        return List.copyOf(warnings);
    }

    public LoadResult result() {
        return new LoadResult(fileName, errors, warnings);
    }

    private String snippet(Context context) {
        Location loc = context.locations().getLast();
        String content = context.altContent() != null ? context.altContent() : contents.get(loc.fileName());
        if (content == null) {
            return "<No context for file + " + loc.fileName() + ">\n";
        }
        return Snippets.cut(content, loc.offset(), SNIPPET_WIDTH);
    }
}
