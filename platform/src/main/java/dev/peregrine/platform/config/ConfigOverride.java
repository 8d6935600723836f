package dev.peregrine.platform.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code -o key=value} option: a path of segments (each a name, optionally indexed {@code [N]} or
 * appending {@code []}) and a value that is a string scalar, or a YAML flow map when it is written
 * {@code {...}}.
 *
 * @param option   the option as given, for messages
 * @param segments the parsed key
 * @param value    string or map
 */
public record ConfigOverride(String option, List<Segment> segments, Object value) {

    /** One key segment; {@code index} is {@link #NO_INDEX}, {@link #APPEND} or a list position. */
    public record Segment(String name, int index) {
    }

    /** The segment has no brackets. */
    public static final int NO_INDEX = -1;
    /** The segment ends in {@code []}. */
    public static final int APPEND = -2;

    public ConfigOverride {
        segments = List.copyOf(segments);
    }

    /** The key's first segment name (used to pick out {@code config_files} overrides). */
    public String rootKey() {
        return segments.get(0).name();
    }

    /** Parses {@code key=value}; throws {@link ConfigException} with Falco's message when malformed. */
    public static ConfigOverride parse(String option) {
        int eq = option.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("Error parsing config option \"" + option
                    + "\". Must be of the form key=val or key.subkey=val");
        }
        String key = option.substring(0, eq);
        String raw = option.substring(eq + 1);
        Object value = raw;
        if (raw.length() >= 2 && raw.startsWith("{") && raw.endsWith("}")) {
            Object parsed;
            try {
                parsed = YamlTrees.parse(raw);
            } catch (ConfigException e) {
                throw new ConfigException("Config error at key \"" + key + "\": " + e.getMessage(), e);
            }
            value = parsed;
        }
        return new ConfigOverride(option, parseKey(key), value);
    }

    static List<Segment> parseKey(String key) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        int index = NO_INDEX;
        boolean afterBracket = false;
        int i = 0;
        while (i < key.length()) {
            char c = key.charAt(i);
            if (c == '\\') {
                if (i + 1 >= key.length() || "\\.[]".indexOf(key.charAt(i + 1)) < 0) {
                    throw keyError(key, "invalid escape sequence at position " + i);
                }
                if (afterBracket) {
                    throw keyError(key, "unexpected characters after ']'");
                }
                name.append(key.charAt(i + 1));
                i += 2;
            } else if (c == '.') {
                segments.add(finish(key, name, index));
                name.setLength(0);
                index = NO_INDEX;
                afterBracket = false;
                i++;
            } else if (c == '[') {
                if (afterBracket) {
                    throw keyError(key, "nested or repeated index is not supported");
                }
                int close = key.indexOf(']', i);
                if (close < 0) {
                    throw keyError(key, "missing closing ']'");
                }
                String digits = key.substring(i + 1, close);
                if (digits.isEmpty()) {
                    index = APPEND;
                } else if (digits.chars().allMatch(Character::isDigit) && digits.length() < 10) {
                    index = Integer.parseInt(digits);
                } else {
                    throw keyError(key, "invalid index '" + digits + "'");
                }
                afterBracket = true;
                i = close + 1;
            } else if (c == ']') {
                throw keyError(key, "unexpected ']'");
            } else {
                if (afterBracket) {
                    throw keyError(key, "unexpected characters after ']'");
                }
                name.append(c);
                i++;
            }
        }
        segments.add(finish(key, name, index));
        return segments;
    }

    private static Segment finish(String key, StringBuilder name, int index) {
        if (name.isEmpty()) {
            throw keyError(key, "empty key segment");
        }
        return new Segment(name.toString(), index);
    }

    private static ConfigException keyError(String key, String why) {
        return new ConfigException("Config error at key \"" + key + "\": " + why);
    }

    /** Writes the value into {@code root}, creating missing maps and lists on the way. */
    @SuppressWarnings("unchecked")
    public void applyTo(Map<String, Object> root) {
        Object container = root;
        for (int s = 0; s < segments.size(); s++) {
            Segment segment = segments.get(s);
            boolean last = s == segments.size() - 1;
            Map<String, Object> map = (Map<String, Object>) container;
            if (segment.index() == NO_INDEX) {
                if (last) {
                    map.put(segment.name(), YamlTrees.copy(value));
                    return;
                }
                container = childMap(map, segment.name());
                continue;
            }
            Object existing = map.get(segment.name());
            List<Object> list;
            if (existing instanceof List<?> l) {
                list = (List<Object>) l;
            } else {
                list = new ArrayList<>();
                map.put(segment.name(), list);
            }
            int position = segment.index() == APPEND ? list.size() : segment.index();
            if (position > list.size()) {
                throw new ConfigException("Config error at key \"" + keyText() + "\": index "
                        + position + " is out of range for a list of " + list.size() + " elements");
            }
            if (last) {
                if (position == list.size()) {
                    list.add(YamlTrees.copy(value));
                } else {
                    list.set(position, YamlTrees.copy(value));
                }
                return;
            }
            if (position == list.size()) {
                list.add(new LinkedHashMap<String, Object>());
            } else if (!(list.get(position) instanceof Map<?, ?>)) {
                list.set(position, new LinkedHashMap<String, Object>());
            }
            container = list.get(position);
        }
    }

    private String keyText() {
        return option.substring(0, option.indexOf('='));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> childMap(Map<String, Object> map, String name) {
        Object child = map.get(name);
        if (child instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        map.put(name, created);
        return created;
    }
}
