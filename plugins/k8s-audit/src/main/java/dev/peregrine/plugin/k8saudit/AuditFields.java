package dev.peregrine.plugin.k8saudit;

import dev.peregrine.plugin.support.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The derivations of the {@code ka.*} fields that are more than a path lookup, with upstream's
 * quirks (see the k8saudit spec, section 8). List helpers return false when the field is absent.
 */
final class AuditFields {

    private static final String[] REQUEST_URI = {"requestURI"};
    private static final String[] SUBJECTS = {"requestObject", "subjects"};
    private static final String[] CONTAINERS = {"requestObject", "spec", "containers"};
    private static final String[] VOLUMES = {"requestObject", "spec", "volumes"};
    private static final String[] HOST_PATH = {"hostPath", "path"};
    private static final String[] PRIVILEGED = {"securityContext", "privileged"};

    private AuditFields() {
    }

    /** The array at {@code path}, each element rendered; absent unless it is an array. */
    static boolean directList(JsonValue root, String[] path, List<String> out) {
        if (!(JsonPaths.at(root, path) instanceof JsonValue.JsonArray array)) {
            return false;
        }
        for (JsonValue element : array.elements()) {
            out.add(JsonPaths.text(element));
        }
        return true;
    }

    /** The collecting walk, placeholders skipped, values rendered. */
    static boolean collected(JsonValue root, String[] keys, long index, List<String> out) {
        List<JsonValue> values = new ArrayList<>();
        if (!JsonPaths.collect(root, keys, 0, index, values)) {
            return false;
        }
        for (JsonValue value : values) {
            if (value != null) {
                out.add(JsonPaths.text(value));
            }
        }
        return true;
    }

    /** The collecting walk with every array value flattened; non-array values are ignored. */
    static boolean flattened(JsonValue root, String[] keys, long index, List<String> out) {
        List<JsonValue> values = new ArrayList<>();
        if (!JsonPaths.collect(root, keys, 0, index, values)) {
            return false;
        }
        for (JsonValue value : values) {
            if (value instanceof JsonValue.JsonArray array) {
                for (JsonValue element : array.elements()) {
                    out.add(JsonPaths.text(element));
                }
            }
        }
        return true;
    }

    /** {@code name}/{@code image} of each container; absent when any container lacks it. */
    static boolean strict(JsonValue root, String[] base, String key, long index, List<String> out) {
        List<JsonValue> values = new ArrayList<>();
        if (!JsonPaths.collect(root, append(base, key), 0, index, values)) {
            return false;
        }
        for (JsonValue value : values) {
            if (value == null) {
                return false;
            }
            out.add(JsonPaths.text(value));
        }
        return true;
    }

    /** The repository part of each container image. */
    static boolean repositories(JsonValue root, String[] base, long index, List<String> out) {
        List<String> images = new ArrayList<>();
        if (!collected(root, append(base, "image"), index, images)) {
            return false;
        }
        for (String image : images) {
            out.add(repository(image));
        }
        return true;
    }

    /** An image cut at its first {@code :} and then at its first {@code @} (upstream's rule, ports included). */
    static String repository(String image) {
        int colon = image.indexOf(':');
        String cut = colon < 0 ? image : image.substring(0, colon);
        int at = cut.indexOf('@');
        return at < 0 ? cut : cut.substring(0, at);
    }

    /** Each container's command or args array joined by spaces; containers without one are skipped. */
    static boolean joined(JsonValue root, String[] base, String key, long index, List<String> out) {
        List<JsonValue> values = new ArrayList<>();
        if (!JsonPaths.collect(root, append(base, key), 0, index, values)) {
            return false;
        }
        for (JsonValue value : values) {
            if (value == null) {
                continue;
            }
            if (!(value instanceof JsonValue.JsonArray array)) {
                return false;
            }
            StringBuilder text = new StringBuilder();
            for (JsonValue element : array.elements()) {
                if (!(element instanceof JsonValue.JsonString string)) {
                    return false;
                }
                if (!text.isEmpty()) {
                    text.append(' ');
                }
                text.append(string.value());
            }
            out.add(text.toString());
        }
        return true;
    }

    /** Per container and port entry: {@code hostPort}, else {@code containerPort}. */
    static boolean hostPorts(JsonValue root, String[] base, long index, List<String> out) {
        List<JsonValue> values = new ArrayList<>();
        if (!JsonPaths.collect(root, append(base, "ports"), 0, index, values)) {
            return false;
        }
        for (JsonValue value : values) {
            if (value == null) {
                continue;
            }
            if (!(value instanceof JsonValue.JsonArray ports)) {
                return false;
            }
            for (JsonValue port : ports.elements()) {
                JsonValue number = JsonPaths.at(port, "hostPort");
                if (number == null) {
                    number = JsonPaths.at(port, "containerPort");
                }
                if (number != null) {
                    out.add(JsonPaths.text(number));
                }
            }
        }
        return true;
    }

    /**
     * Upstream's effective uid/gid: the container's own top-level {@code runAsUser}/{@code runAsGroup},
     * else the pod spec's, else "0" ({@code securityContext} is not consulted); absent with an index.
     */
    static boolean effectiveId(JsonValue root, String[] base, String key, long index, List<String> out) {
        if (index >= 0 || !(JsonPaths.at(root, base) instanceof JsonValue.JsonArray containers)) {
            return false;
        }
        JsonValue podValue = JsonPaths.at(root, "requestObject", "spec", key);
        String podDefault = podValue == null ? "0" : JsonPaths.text(podValue);
        for (JsonValue container : containers.elements()) {
            JsonValue own = JsonPaths.at(container, key);
            out.add(own == null ? podDefault : JsonPaths.text(own));
        }
        return true;
    }

    /** Every key but {@code name} of each volume (or of volume {@code index}), in document order. */
    static boolean volumeTypes(JsonValue root, long index, List<String> out) {
        if (!(JsonPaths.at(root, VOLUMES) instanceof JsonValue.JsonArray volumes)) {
            return false;
        }
        List<JsonValue> selected = volumes.elements();
        if (index >= 0) {
            if (index >= selected.size()) {
                return false;
            }
            selected = List.of(selected.get((int) index));
        }
        for (JsonValue volume : selected) {
            if (volume instanceof JsonValue.JsonObject object) {
                for (String key : object.keys()) {
                    if (!key.equals("name")) {
                        out.add(key);
                    }
                }
            }
        }
        return true;
    }

    /** "true" when a hostPath volume equals {@code pattern} (or starts with it, for a trailing {@code *}). */
    static String hostPathMatches(JsonValue root, String pattern) {
        JsonValue volumes = JsonPaths.at(root, VOLUMES);
        if (volumes == null) {
            return null;
        }
        boolean prefix = pattern.endsWith("*");
        String wanted = prefix ? pattern.substring(0, pattern.length() - 1) : pattern;
        List<JsonValue> paths = new ArrayList<>();
        JsonPaths.collect(volumes, HOST_PATH, 0, -1, paths);
        for (JsonValue path : paths) {
            if (path instanceof JsonValue.JsonString string
                    && (prefix ? string.value().startsWith(wanted) : string.value().equals(wanted))) {
                return "true";
            }
        }
        return "false";
    }

    /** Names (or {@code namespace:name}) of the binding subjects of one kind. */
    static boolean subjectNames(JsonValue root, String kind, boolean qualified, List<String> out) {
        JsonValue subjects = JsonPaths.at(root, SUBJECTS);
        if (subjects == null) {
            return true;
        }
        if (!(subjects instanceof JsonValue.JsonArray array)) {
            return false;
        }
        for (JsonValue subject : array.elements()) {
            JsonValue subjectKind = JsonPaths.at(subject, "kind");
            JsonValue name = JsonPaths.at(subject, "name");
            if (subjectKind == null || name == null || !JsonPaths.text(subjectKind).equals(kind)) {
                continue;
            }
            if (qualified) {
                JsonValue namespace = JsonPaths.at(subject, "namespace");
                if (namespace != null) {
                    out.add(JsonPaths.text(namespace) + ":" + JsonPaths.text(name));
                }
            } else {
                out.add(JsonPaths.text(name));
            }
        }
        return true;
    }

    /** The image of the first container. */
    static String firstImage(JsonValue root) {
        if (JsonPaths.at(root, CONTAINERS) instanceof JsonValue.JsonArray containers && !containers.elements().isEmpty()) {
            JsonValue image = JsonPaths.at(containers.elements().getFirst(), "image");
            return image == null ? null : JsonPaths.text(image);
        }
        return null;
    }

    /** "true" when any container's {@code securityContext.privileged} is JSON true, else "false". */
    static String anyPrivileged(JsonValue root) {
        if (!(JsonPaths.at(root, CONTAINERS) instanceof JsonValue.JsonArray containers)) {
            return null;
        }
        for (JsonValue container : containers.elements()) {
            if (JsonPaths.at(container, PRIVILEGED) instanceof JsonValue.JsonLiteral literal && literal.text().equals("true")) {
                return "true";
            }
        }
        return "false";
    }

    /** {@code objectRef} names a pod itself (no subresource): the response object's name. */
    static String targetPodName(JsonValue root) {
        JsonValue resource = JsonPaths.at(root, "objectRef", "resource");
        JsonValue subresource = JsonPaths.at(root, "objectRef", "subresource");
        if (resource == null || !JsonPaths.text(resource).equals("pods")
                || (subresource != null && !JsonPaths.text(subresource).isEmpty())) {
            return null;
        }
        JsonValue name = JsonPaths.at(root, "responseObject", "metadata", "name");
        return name == null ? null : JsonPaths.text(name);
    }

    /** The first value of query parameter {@code key} of {@code requestURI}; null if missing or malformed. */
    static String uriParam(JsonValue root, String key) {
        if (!(JsonPaths.at(root, REQUEST_URI) instanceof JsonValue.JsonString uri)) {
            return null;
        }
        String text = uri.value();
        int hash = text.indexOf('#');
        if (hash >= 0) {
            text = text.substring(0, hash);
        }
        int question = text.indexOf('?');
        if (question < 0) {
            return null;
        }
        String found = null;
        for (String part : text.substring(question + 1).split("&", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            String rawKey = equals < 0 ? part : part.substring(0, equals);
            // Go's query parser rejects semicolons and bad escapes; upstream then reports no value.
            if (rawKey.indexOf(';') >= 0) {
                return null;
            }
            String name = unescape(rawKey);
            String value = unescape(equals < 0 ? "" : part.substring(equals + 1));
            if (name == null || value == null) {
                return null;
            }
            if (found == null && name.equals(key)) {
                found = value;
            }
        }
        return found;
    }

    private static String unescape(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= text.length()) {
                    return null;
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String[] append(String[] base, String key) {
        String[] keys = new String[base.length + 1];
        System.arraycopy(base, 0, keys, 0, base.length);
        keys[base.length] = key;
        return keys;
    }
}
