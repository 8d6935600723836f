package dev.peregrine.plugin.syscall.field;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.plugin.syscall.state.ContainerIds;
import dev.peregrine.plugin.syscall.state.ContainerInfo;
import dev.peregrine.plugin.syscall.state.SyscallState;
import dev.peregrine.plugin.syscall.state.ThreadInfo;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The container plugin's fields over the replay state: the id from the thread's cgroups, the rest from
 * the capture's container events. Host processes are {@code host}; containers whose metadata the
 * capture does not hold have empty names and images.
 */
public final class ContainerFields {

    /** A handle for {@code field}; names this class does not know get a {@link PendingExtractionHandle}. */
    public FieldHandle bind(FieldSpec field, FieldArgument argument) {
        StateExtractor extractor = switch (field.name()) {
            case "container.id" -> ids(ContainerIds::id);
            case "container.full_id" -> ids(ContainerIds::fullId);
            case "container.type" -> (s, out) -> {
                ContainerIds ids = ids(s);
                if (ids == null) {
                    return false;
                }
                ContainerInfo info = s.container(ids.id());
                out.addString(info != null && !info.type().isEmpty() ? info.type() : ids.runtime());
                return true;
            };
            case "container.name" -> (s, out) -> {
                ContainerIds ids = ids(s);
                if (ids == null) {
                    return false;
                }
                if (ids == ContainerIds.HOST) {
                    out.addString("host");
                    return true;
                }
                ContainerInfo info = s.container(ids.id());
                out.addString(info == null ? "" : info.name());
                return true;
            };
            case "container.image" -> metadata(ContainerInfo::image);
            case "container.image.id" -> metadata(ContainerInfo::imageId);
            case "container.image.repository" -> metadata(ContainerInfo::imageRepository);
            case "container.image.tag" -> metadata(ContainerInfo::imageTag);
            case "container.image.digest" -> metadata(ContainerInfo::imageDigest);
            case "container.ip" -> metadata(ContainerInfo::ip);
            case "container.privileged" -> (s, out) -> {
                ContainerIds ids = ids(s);
                if (ids == null || ids == ContainerIds.HOST) {
                    return false;
                }
                ContainerInfo info = s.container(ids.id());
                if (info == null) {
                    return false;
                }
                out.addBoolean(info.privileged());
                return true;
            };
            case "container.start_ts" -> (s, out) -> {
                ContainerInfo info = info(s);
                if (info == null || info.createdNanos() == 0) {
                    return false;
                }
                out.addLong(info.createdNanos());
                return true;
            };
            case "container.duration" -> (s, out) -> {
                ContainerInfo info = info(s);
                if (info == null || info.createdNanos() == 0) {
                    return false;
                }
                out.addLong(s.event().timestampNanos() - info.createdNanos());
                return true;
            };
            case "container.label" -> label(argument.text());
            case "container.labels" -> text(ContainerInfo::labelsText);
            case "container.mounts" -> (s, out) -> {
                ContainerInfo info = info(s);
                if (info == null) {
                    return false;
                }
                StringBuilder text = new StringBuilder();
                for (ContainerInfo.Mount mount : info.mounts()) {
                    text.append(text.length() == 0 ? "" : ",").append(mount.text());
                }
                out.addString(text.toString());
                return true;
            };
            case "container.mount" -> mount(argument, false, ContainerInfo.Mount::text);
            case "container.mount.source" -> mount(argument, true, ContainerInfo.Mount::source);
            case "container.mount.dest" -> mount(argument, false, ContainerInfo.Mount::destination);
            case "container.mount.mode" -> mount(argument, false, ContainerInfo.Mount::mode);
            case "container.mount.rdwr" -> mount(argument, false, m -> Boolean.toString(m.readWrite()));
            case "container.mount.propagation" -> mount(argument, false, ContainerInfo.Mount::propagation);
            case "k8s.pod.name" -> label("io.kubernetes.pod.name");
            case "k8s.ns.name" -> label("io.kubernetes.pod.namespace");
            case "k8s.pod.uid", "k8s.pod.id" -> label("io.kubernetes.pod.uid");
            case "container.cni.json" -> text(ContainerInfo::cniJson);
            case "container.host_pid" -> flag(ContainerInfo::hostPid);
            case "container.host_network" -> flag(ContainerInfo::hostNetwork);
            case "container.host_ipc" -> flag(ContainerInfo::hostIpc);
            case "container.healthcheck" -> probe(ContainerInfo::healthcheck);
            case "container.liveness_probe" -> probe(ContainerInfo::livenessProbe);
            case "container.readiness_probe" -> probe(ContainerInfo::readinessProbe);
            case "k8s.pod.sandbox_id" -> text(ContainerInfo::shortPodSandboxId);
            case "k8s.pod.full_sandbox_id" -> text(ContainerInfo::podSandboxId);
            case "k8s.pod.ip" -> fromPod(ContainerInfo::ip);
            case "k8s.pod.cni.json" -> fromPod(ContainerInfo::cniJson);
            case "k8s.pod.label" -> podLabel(argument.text());
            case "k8s.pod.labels" -> (s, out) -> {
                ContainerInfo info = info(s);
                if (info == null) {
                    return false;
                }
                ContainerInfo sandbox = sandbox(s, info);
                out.addString(sandbox != null ? sandbox.podLabelsText() : info.podLabelsText());
                return true;
            };
            default -> null;
        };
        return extractor == null ? new PendingExtractionHandle(field.name()) : new StateFieldHandle(extractor);
    }

    /** The metadata of the event's container, or null (host, unknown thread, no container event). */
    private static ContainerInfo info(SyscallState s) {
        ContainerIds ids = ids(s);
        return ids == null || ids == ContainerIds.HOST ? null : s.container(ids.id());
    }

    /**
     * One mount, selected by index or else by a glob on its source (on its destination for
     * {@code container.mount.source}).
     */
    private static StateExtractor mount(FieldArgument argument, boolean byDestination,
                                        Function<ContainerInfo.Mount, String> value) {
        return (s, out) -> {
            ContainerInfo info = info(s);
            if (info == null) {
                return false;
            }
            List<ContainerInfo.Mount> mounts = info.mounts();
            ContainerInfo.Mount chosen = null;
            if (argument.isIndex()) {
                chosen = argument.index() < mounts.size() ? mounts.get((int) argument.index()) : null;
            } else {
                for (ContainerInfo.Mount m : mounts) {
                    if (Glob.matches(argument.text(), byDestination ? m.destination() : m.source())) {
                        chosen = m;
                        break;
                    }
                }
            }
            if (chosen == null) {
                return false;
            }
            out.addString(value.apply(chosen));
            return true;
        };
    }

    /** A text value of the event's container metadata; absent on the host and without metadata. */
    private static StateExtractor text(Function<ContainerInfo, String> value) {
        return (s, out) -> {
            ContainerInfo info = info(s);
            if (info == null) {
                return false;
            }
            out.addString(value.apply(info));
            return true;
        };
    }

    /** A boolean of the event's container metadata ({@code false} when the event lacks the key). */
    private static StateExtractor flag(Predicate<ContainerInfo> value) {
        return (s, out) -> {
            ContainerInfo info = info(s);
            if (info == null) {
                return false;
            }
            out.addBoolean(value.test(info));
            return true;
        };
    }

    /** A health probe command line, {@code NONE} when the container event declares no such probe. */
    private static StateExtractor probe(Function<ContainerInfo, String> probe) {
        return (s, out) -> {
            ContainerInfo info = info(s);
            if (info == null) {
                return false;
            }
            String command = probe.apply(info);
            out.addString(command == null ? "NONE" : command);
            return true;
        };
    }

    /**
     * The metadata of the container's pod sandbox, consulted as the container plugin does only when the
     * container's own event carries no CNI result (then the pod-level values live in the sandbox's event);
     * null when that is not the case or the capture has no event for the sandbox.
     */
    private static ContainerInfo sandbox(SyscallState s, ContainerInfo info) {
        if (!info.cniJson().isEmpty()) {
            return null;
        }
        return s.container(info.shortPodSandboxId());
    }

    /**
     * A pod-level value: the container's own when it has a CNI result, else the sandbox container's, and
     * absent when the sandbox has no metadata.
     */
    private static StateExtractor fromPod(Function<ContainerInfo, String> value) {
        return (s, out) -> {
            ContainerInfo info = info(s);
            if (info == null) {
                return false;
            }
            ContainerInfo source = info.cniJson().isEmpty() ? s.container(info.shortPodSandboxId()) : info;
            if (source == null) {
                return false;
            }
            out.addString(value.apply(source));
            return true;
        };
    }

    /** One pod label: the sandbox's when it has it, else the container's own; absent when neither has it. */
    private static StateExtractor podLabel(String key) {
        return (s, out) -> {
            ContainerInfo info = info(s);
            if (info == null) {
                return false;
            }
            ContainerInfo sandbox = sandbox(s, info);
            String value = sandbox == null ? null : sandbox.podSandboxLabels().get(key);
            if (value == null) {
                value = info.podSandboxLabels().get(key);
            }
            if (value == null) {
                return false;
            }
            out.addString(value);
            return true;
        };
    }

    private static StateExtractor label(String key) {
        return (s, out) -> {
            ContainerInfo info = info(s);
            String value = info == null ? null : info.labels().get(key);
            if (value == null) {
                return false;
            }
            out.addString(value);
            return true;
        };
    }

    private static ContainerIds ids(SyscallState s) {
        ThreadInfo t = s.thread();
        return t == null ? null : t.container();
    }

    private static StateExtractor ids(Function<ContainerIds, String> value) {
        return (s, out) -> {
            ContainerIds ids = ids(s);
            if (ids == null) {
                return false;
            }
            out.addString(value.apply(ids));
            return true;
        };
    }

    private static StateExtractor metadata(Function<ContainerInfo, String> value) {
        return (s, out) -> {
            ContainerIds ids = ids(s);
            if (ids == null || ids == ContainerIds.HOST) {
                return false;
            }
            ContainerInfo info = s.container(ids.id());
            out.addString(info == null ? "" : value.apply(info));
            return true;
        };
    }
}
