package dev.peregrine.platform.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, lenient reads from a merged configuration tree by dotted path: a value that cannot be
 * converted takes the given default, a scalar where a list is expected is a one-element list.
 */
final class ConfigReader {

    private final Map<String, Object> root;

    ConfigReader(Map<String, Object> root) {
        this.root = root;
    }

    /** The node at a dotted path, or empty when any step is missing. */
    Optional<Object> node(String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return Optional.empty();
            }
            current = map.get(part);
        }
        return Optional.ofNullable(current);
    }

    boolean present(String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return false;
            }
            current = map.get(part);
        }
        return true;
    }

    String string(String path, String fallback) {
        return node(path).filter(String.class::isInstance).map(String.class::cast).orElse(fallback);
    }

    boolean bool(String path, boolean fallback) {
        return node(path).filter(String.class::isInstance).map(v -> toBool((String) v)).orElse(null) instanceof Boolean b
                ? b : fallback;
    }

    long integer(String path, long fallback) {
        Optional<Object> value = node(path).filter(String.class::isInstance);
        if (value.isEmpty()) {
            return fallback;
        }
        Long parsed = toLong(((String) value.get()).strip());
        return parsed == null ? fallback : parsed;
    }

    double decimal(String path, double fallback) {
        Optional<Object> value = node(path).filter(String.class::isInstance);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            String text = ((String) value.get()).strip();
            if (text.isEmpty() || text.endsWith("f") || text.endsWith("d") || text.endsWith("F") || text.endsWith("D")) {
                return fallback;
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** A list of nodes; a scalar or map counts as a one-element list, a missing key as empty. */
    List<Object> list(String path) {
        Optional<Object> value = node(path);
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get() instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        return List.of(value.get());
    }

    /** The string items of a list, skipping anything that is not a scalar. */
    List<String> strings(String path) {
        List<String> out = new ArrayList<>();
        for (Object item : list(path)) {
            if (item instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    static Boolean toBool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "y" -> Boolean.TRUE;
            case "false", "no", "off", "n" -> Boolean.FALSE;
            default -> null;
        };
    }

    static Long toLong(String text) {
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return Long.parseLong(text.substring(2), 16);
            }
            return Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
