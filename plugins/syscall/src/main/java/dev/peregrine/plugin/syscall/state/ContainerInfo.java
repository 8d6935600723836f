package dev.peregrine.plugin.syscall.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Container metadata from a capture's container events ({@code {"container":{...}}} JSON).
 *
 * @param type         libsinsp's runtime name for the JSON {@code type} number ({@code docker}, {@code cri-o} ...)
 * @param labels       container labels (Kubernetes pod name and namespace among them)
 * @param createdNanos creation time in ns since the epoch, 0 when the event does not say
 * @param mounts       the container's mounts, in event order
 */
public record ContainerInfo(String id, String name, String image, String imageId, String imageRepository,
                            String imageTag, String imageDigest, String type, String ip, boolean privileged,
                            Map<String, String> labels, long createdNanos, List<Mount> mounts) {

    /** One mount of a container, as the container event lists it. */
    public record Mount(String source, String destination, String mode, boolean readWrite, String propagation) {

        /** {@code source:destination:mode:rdwr:propagation}, the container plugin's text form. */
        public String text() {
            return source + ":" + destination + ":" + mode + ":" + readWrite + ":" + propagation;
        }
    }

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
                Map.copyOf(labels), created, mounts(c));
    }

    private static List<Mount> mounts(Map<?, ?> container) {
        Object list = container.containsKey("Mounts") ? container.get("Mounts") : container.get("mounts");
        List<Mount> mounts = new ArrayList<>();
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m) {
                    mounts.add(new Mount(either(m, "Source", "source"), either(m, "Destination", "dest"),
                            either(m, "Mode", "mode"), Boolean.parseBoolean(either(m, "RW", "rdwr")),
                            either(m, "Propagation", "propagation")));
                }
            }
        }
        return List.copyOf(mounts);
    }

    private static String either(Map<?, ?> object, String key, String otherKey) {
        Object value = object.containsKey(key) ? object.get(key) : object.get(otherKey);
        return value == null ? "" : value.toString();
    }

    private static String text(Map<?, ?> object, String key) {
        Object value = object.get(key);
        return value == null ? "" : value.toString();
    }
}
