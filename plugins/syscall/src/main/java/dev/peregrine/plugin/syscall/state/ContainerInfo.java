package dev.peregrine.plugin.syscall.state;

import java.util.Map;

/**
 * Container metadata from a capture's container events ({@code {"container":{...}}} JSON).
 *
 * @param type         libsinsp's runtime name for the JSON {@code type} number ({@code docker}, {@code cri-o} ...)
 * @param labels       container labels (Kubernetes pod name and namespace among them)
 * @param createdNanos creation time in ns since the epoch, 0 when the event does not say
 */
public record ContainerInfo(String id, String name, String image, String imageId, String imageRepository,
                            String imageTag, String imageDigest, String type, String ip, boolean privileged,
                            Map<String, String> labels, long createdNanos) {

    private static final String[] TYPES = {"docker", "lxc", "libvirt-lxc", "mesos", "rkt", "custom", "cri",
        "containerd", "cri-o", "bpm", "static", "podman"};

    /** The metadata in a container event's JSON, or null when it has no container object with an id. */
    static ContainerInfo fromJson(String json) {
        Object parsed;
        try {
            parsed = new MiniJson(json).value();
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!(parsed instanceof Map<?, ?> root) || !(root.get("container") instanceof Map<?, ?> c)
                || !(c.get("id") instanceof String id)) {
            return null;
        }
        String type = "";
        if (c.get("type") instanceof Number n && n.intValue() >= 0 && n.intValue() < TYPES.length) {
            type = TYPES[n.intValue()];
        }
        Map<String, String> labels = new java.util.TreeMap<>();
        if (c.get("labels") instanceof Map<?, ?> l) {
            l.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
        }
        long created = c.get("created_time") instanceof Number n ? n.longValue() * 1_000_000_000L : 0;
        return new ContainerInfo(id, text(c, "name"), text(c, "image"), text(c, "imageid"), text(c, "imagerepo"),
                text(c, "imagetag"), text(c, "imagedigest"), type, text(c, "ip"), Boolean.TRUE.equals(c.get("privileged")),
                Map.copyOf(labels), created);
    }

    private static String text(Map<?, ?> object, String key) {
        Object value = object.get(key);
        return value == null ? "" : value.toString();
    }
}
