package dev.peregrine.plugin.syscall.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Container metadata from a capture's container events ({@code {"container":{...}}} JSON), with the keys
 * and defaults of the container plugin's JSON reader ({@code container_info_json.cpp}): a missing key
 * gives an empty string, {@code false} or an empty map.
 *
 * @param type             libsinsp's runtime name for the JSON {@code type} number ({@code docker}, {@code cri-o} ...)
 * @param labels           container labels (Kubernetes pod name and namespace among them), sorted by key
 * @param createdNanos     creation time in ns since the epoch, 0 when the event does not say
 * @param mounts           the container's mounts, in event order
 * @param cniJson          the pod's CNI result ({@code cni_json}), empty when absent
 * @param hostPid          the container shares the host's pid namespace ({@code host_pid})
 * @param hostNetwork      the container shares the host's network namespace ({@code host_network})
 * @param hostIpc          the container shares the host's IPC namespace ({@code host_ipc})
 * @param podSandboxId     the full id of the pod sandbox ({@code pod_sandbox_id}), empty when absent
 * @param shortPodSandboxId the first 12 characters of it, the key of the sandbox's own metadata
 * @param podSandboxLabels the pod's labels ({@code pod_sandbox_labels}; {@code null} counts as none), sorted
 * @param healthcheck      the {@code Healthcheck} probe as {@code exe arg...}, or null when the event has none
 * @param livenessProbe    the {@code LivenessProbe} likewise
 * @param readinessProbe   the {@code ReadinessProbe} likewise
 * @param labelsText       {@link #labels} in the plugin's list form ({@link #labelList})
 * @param podLabelsText    {@link #podSandboxLabels} in the same form
 */
public record ContainerInfo(String id, String name, String image, String imageId, String imageRepository,
                            String imageTag, String imageDigest, String type, String ip, boolean privileged,
                            Map<String, String> labels, long createdNanos, List<Mount> mounts, String cniJson,
                            boolean hostPid, boolean hostNetwork, boolean hostIpc, String podSandboxId,
                            String shortPodSandboxId, Map<String, String> podSandboxLabels, String healthcheck,
                            String livenessProbe, String readinessProbe, String labelsText, String podLabelsText) {

    /** One mount of a container, as the container event lists it. */
    public record Mount(String source, String destination, String mode, boolean readWrite, String propagation) {

        /** {@code source:destination:mode:rdwr:propagation}, the container plugin's text form. */
        public String text() {
            return source + ":" + destination + ":" + mode + ":" + readWrite + ":" + propagation;
        }
    }

    /** Length of the short ids the plugin keys containers by (container.id, k8s.pod.sandbox_id). */
    public static final int SHORT_ID_LENGTH = 12;

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
        Map<String, String> labels = stringMap(c.get("labels"));
        Map<String, String> podLabels = stringMap(c.get("pod_sandbox_labels"));
        long created = c.get("created_time") instanceof Number n ? n.longValue() * 1_000_000_000L : 0;
        String sandboxId = text(c, "pod_sandbox_id");
        return new ContainerInfo(id, text(c, "name"), text(c, "image"), text(c, "imageid"), text(c, "imagerepo"),
                text(c, "imagetag"), text(c, "imagedigest"), type, text(c, "ip"), flag(c, "privileged"),
                labels, created, mounts(c), text(c, "cni_json"), flag(c, "host_pid"),
                flag(c, "host_network"), flag(c, "host_ipc"), sandboxId,
                sandboxId.length() > SHORT_ID_LENGTH ? sandboxId.substring(0, SHORT_ID_LENGTH) : sandboxId, podLabels,
                probe(c.get("Healthcheck")), probe(c.get("LivenessProbe")), probe(c.get("ReadinessProbe")),
                labelList(labels), labelList(podLabels));
    }

    /**
     * Labels as the container plugin lists them ({@code concatenate_container_labels}): sorted by key,
     * {@code key:value} joined by {@code ", "}, just {@code key} when the value is empty, and the
     * {@code annotation.*} and {@code io.kubernetes.*} labels left out.
     */
    static String labelList(Map<String, String> labels) {
        StringBuilder text = new StringBuilder();
        labels.forEach((key, value) -> {
            if (key.startsWith("annotation.") || key.startsWith("io.kubernetes.")) {
                return;
            }
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(key);
            if (!value.isEmpty()) {
                text.append(':').append(value);
            }
        });
        return text.toString();
    }

    /** A health probe object ({@code {"exe":..., "args":[...]}}) as {@code exe arg1 arg2}; null when absent. */
    private static String probe(Object value) {
        if (!(value instanceof Map<?, ?> probe)) {
            return null;
        }
        StringBuilder text = new StringBuilder(text(probe, "exe"));
        if (probe.get("args") instanceof List<?> args) {
            for (Object arg : args) {
                text.append(' ').append(arg == null ? "" : arg.toString());
            }
        }
        return text.toString();
    }

    /** A JSON object of strings as a key-sorted map (byte order like the plugin's std::map for ASCII keys). */
    private static Map<String, String> stringMap(Object value) {
        Map<String, String> map = new TreeMap<>();
        if (value instanceof Map<?, ?> object) {
            object.forEach((k, v) -> map.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        return java.util.Collections.unmodifiableMap(map);
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

    private static boolean flag(Map<?, ?> object, String key) {
        return Boolean.TRUE.equals(object.get(key));
    }

    private static String text(Map<?, ?> object, String key) {
        Object value = object.get(key);
        return value == null ? "" : value.toString();
    }
}
