package dev.peregrine.plugin.syscall.field;

/**
 * Reads the {@code evt.infra.docker.*} values out of the description of a legacy
 * {@code infrastructure_event} (libsinsp {@code sinsp_filtercheck_event.cpp}). The description is a list
 * of {@code ;}-separated {@code Key: value} items written by old sysdig agents for docker events, e.g.
 * {@code Event: start; ID: 3ad7b26ded6d8e7b...; name: web; Image: nginx}. The first item whose trimmed text
 * starts with the key gives the value: the text between its first and second colon, trimmed.
 */
final class InfrastructureEventText {

    /** The four fields and the item key each reads. */
    enum Item {
        EVENT_NAME("Event"), CONTAINER_ID("ID"), CONTAINER_NAME("name"), CONTAINER_IMAGE("Image");

        private final String key;

        Item(String key) {
            this.key = key;
        }
    }

    private InfrastructureEventText() {
    }

    /** The value of {@code item} in {@code description}, or null when no item has it. */
    static String value(String description, Item item) {
        if (description == null) {
            return null;
        }
        int start = 0;
        while (start <= description.length()) {
            int end = description.indexOf(';', start);
            if (end < 0) {
                end = description.length();
            }
            String element = trim(description.substring(start, end));
            if (element.startsWith(item.key)) {
                return valueOf(element, item);
            }
            start = end + 1;
        }
        return null;
    }

    private static String valueOf(String element, Item item) {
        int colon = element.indexOf(':');
        if (colon < 0 || colon == element.length() - 1) {
            // libsinsp indexes a second part that its splitter never produced; report no value
            return null;
        }
        int next = element.indexOf(':', colon + 1);
        String part = element.substring(colon + 1, next < 0 ? element.length() : next);
        switch (item) {
            case CONTAINER_ID -> {
                String id = trim(part);
                return id.length() > 12 ? id.substring(0, 12) : id;
            }
            case CONTAINER_IMAGE -> {
                int at = part.indexOf('@');
                if (at >= 0) {
                    part = part.substring(0, at);
                } else if (part.contains("sha256")) {
                    // a bare digest reference: keep everything after the key, colons included
                    part = element.substring(colon + 1);
                }
                return trim(part);
            }
            default -> {
                return trim(part);
            }
        }
    }

    /** Strips the characters C's {@code isspace} accepts from both ends. */
    private static String trim(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && isSpace(text.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(text.charAt(to - 1))) {
            to--;
        }
        return text.substring(from, to);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
