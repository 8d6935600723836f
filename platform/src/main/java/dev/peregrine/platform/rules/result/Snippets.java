package dev.peregrine.platform.rules.result;

/** Cuts the line around a position out of a text and marks the position with a caret. */
final class Snippets {

    private Snippets() {
    }

    static String cut(String content, int position, int width) {
        if (content.isEmpty()) {
            return "<No context available>\n";
        }
        int half = width / 2;
        int pos = position;
        // A mark can sit past the end (a dangling "tags:" at the end of the file) or on a newline.
        while (pos > 0 && (pos >= content.length() || content.charAt(pos) == '\n')) {
            pos--;
        }
        int from = pos;
        while (from > 0 && content.charAt(from) != '\n' && (pos - from) < half) {
            from--;
        }
        int to = pos;
        while (to < content.length() - 1 && content.charAt(to) != '\n' && (to - pos) < half) {
            to++;
        }
        if (from < content.length() && content.charAt(from) == '\n') {
            from++;
        }
        if (to < content.length() && content.charAt(to) == '\n') {
            to--;
        }
        if (to < from) {
            return "<No context available>\n";
        }
        StringBuilder text = new StringBuilder(content.substring(from, to + 1));
        if (text.isEmpty()) {
            return "<No context available>\n";
        }
        if (pos - from >= half) {
            text.replace(0, Math.min(3, text.length()), "...");
        }
        if (to - pos >= half) {
            text.replace(Math.max(0, text.length() - 3), text.length(), "...");
        }
        text.append('\n');
        if (pos - from <= text.length() - 1) {
            text.append(" ".repeat(Math.max(0, pos - from))).append("^\n");
        }
        return text.toString();
    }
}
