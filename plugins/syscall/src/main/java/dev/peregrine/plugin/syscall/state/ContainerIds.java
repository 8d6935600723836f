package dev.peregrine.plugin.syscall.state;

import java.util.List;

/**
 * The container plugin's cgroup matchers ({@code syscall-state.md} §7): the first cgroup path an enabled
 * matcher recognises gives the container id and runtime; none means the host.
 *
 * @param id       the 12-char id, or {@code host}
 * @param fullId   the id as found (64 hex chars for runc-style runtimes), or {@code host}
 * @param runtime  {@code docker}, {@code cri}, {@code podman}, {@code containerd}, {@code lxc},
 *                 {@code libvirt-lxc}, {@code bpm}, or {@code host}
 */
public record ContainerIds(String id, String fullId, String runtime) {

    /** The identity of processes outside containers. */
    public static final ContainerIds HOST = new ContainerIds("host", "host", "host");

    private static final String[][] PODMAN = {{"/libpod-", ".scope"}, {"/libpod-", ".scope/container"},
        {"/libpod-", ""}, {"/libpod-payload-", ".scope"}, {"/libpod-payload-", ".scope/container"},
        {"/libpod-payload-", ""}};
    private static final String[][] DOCKER = {{"/", ""}, {"/docker-", ".scope"}};
    private static final String[][] CRI = {{"/", ""}, {"/crio-", ""}, {"/cri-containerd-", ".scope"},
        {"/crio-", ".scope"}, {":cri-containerd:", ""}, {"/docker-", ".scope"}, {"/nerdctl-", ".scope"}};

    /** The container of a thread with these {@code subsys=path} cgroup entries. */
    public static ContainerIds of(List<String> cgroups) {
        for (String entry : cgroups) {
            int eq = entry.indexOf('=');
            String path = eq < 0 ? entry : entry.substring(eq + 1);
            ContainerIds found = match(path);
            if (found != null) {
                return found;
            }
        }
        return HOST;
    }

    private static ContainerIds match(String path) {
        String id = runc(path, PODMAN);
        if (id != null) {
            return of(id, "podman");
        }
        id = runc(path, DOCKER);
        if (id != null) {
            return of(id, "docker");
        }
        id = runc(path, CRI);
        if (id != null) {
            return of(id, "cri");
        }
        id = containerd(path);
        if (id != null) {
            return of(id, "containerd");
        }
        id = after(path, new String[] {"/lxc/", "/lxc.payload/", "/lxc.payload."});
        if (id != null) {
            return new ContainerIds(id, id, "lxc");
        }
        id = libvirt(path);
        if (id != null) {
            return new ContainerIds(id, id, "libvirt-lxc");
        }
        id = bpm(path);
        if (id != null) {
            return new ContainerIds(id, id, "bpm");
        }
        return null;
    }

    private static ContainerIds of(String fullId, String runtime) {
        return new ContainerIds(fullId.length() > 12 ? fullId.substring(0, 12) : fullId, fullId, runtime);
    }

    /** Text between the last prefix and the suffix (or the end), when it is a 64-hex-char id. */
    private static String runc(String path, String[][] layouts) {
        for (String[] layout : layouts) {
            String id = between(path, layout[0], layout[1]);
            if (id != null && id.length() == 64 && isHex(id)) {
                return id;
            }
        }
        return null;
    }

    private static String between(String path, String prefix, String suffix) {
        int start = path.lastIndexOf(prefix);
        if (start < 0) {
            return null;
        }
        start += prefix.length();
        int end;
        if (suffix.isEmpty()) {
            end = path.length();
        } else {
            end = path.lastIndexOf(suffix);
            if (end < start || end + suffix.length() != path.length()) {
                return null;
            }
        }
        return path.substring(start, end);
    }

    /** containerd namespaces: {@code /<namespace>/<id>} with ids of any length, not systemd units. */
    private static String containerd(String path) {
        if (!path.startsWith("/") || path.length() < 3) {
            return null;
        }
        int second = path.indexOf('/', 1);
        if (second < 0 || path.indexOf('/', second + 1) >= 0) {
            return null;
        }
        String id = path.substring(second + 1);
        if (id.isEmpty() || id.length() > 64 || id.endsWith(".service") || id.endsWith(".slice")
                || id.endsWith(".scope") || !isHex(id)) {
            return null;
        }
        return id;
    }

    private static String after(String path, String[] markers) {
        for (String marker : markers) {
            int at = path.indexOf(marker);
            if (at >= 0) {
                int start = at + marker.length();
                int end = path.indexOf('/', start);
                String id = end < 0 ? path.substring(start) : path.substring(start, end);
                if (!id.isEmpty()) {
                    return id;
                }
            }
        }
        return null;
    }

    private static String libvirt(String path) {
        int suffix = path.indexOf(".libvirt-lxc");
        if (suffix > 0) {
            int slash = path.lastIndexOf('/', suffix);
            return path.substring(slash + 1, suffix);
        }
        int marker = path.indexOf("-lxc\\x2");
        if (marker >= 0) {
            int start = marker + "-lxc\\x2".length();
            int end = path.indexOf(".scope", start);
            if (end > start) {
                return path.substring(start, end);
            }
        }
        return after(path, new String[] {"/libvirt/lxc/"});
    }

    private static String bpm(String path) {
        int at = path.indexOf("bpm-");
        if (at < 0) {
            return null;
        }
        int start = at + 4;
        int end = path.indexOf(".scope", start);
        if (end <= start) {
            return null;
        }
        String id = path.substring(start, end);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
                return null;
            }
        }
        return id;
    }

    private static boolean isHex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
