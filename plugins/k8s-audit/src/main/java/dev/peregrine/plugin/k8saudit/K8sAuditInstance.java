package dev.peregrine.plugin.k8saudit;

import dev.peregrine.api.Event;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.api.PluginLogger;
import dev.peregrine.api.PluginMetric;
import dev.peregrine.api.ValueSink;
import dev.peregrine.plugin.support.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * One k8saudit plugin state: opens event streams and binds {@code ka.*} fields. Every failure to
 * find a value is "no value", never an exception.
 */
public final class K8sAuditInstance implements PluginInstance {

    /** Scalar fields whose value is the (rendered) value at a path. */
    private static final Map<String, String[]> SCALAR = Map.ofEntries(
            Map.entry("ka.auditid", new String[] {"auditID"}),
            Map.entry("ka.stage", new String[] {"stage"}),
            Map.entry("ka.auth.decision", new String[] {"annotations", "authorization.k8s.io/decision"}),
            Map.entry("ka.auth.reason", new String[] {"annotations", "authorization.k8s.io/reason"}),
            Map.entry("ka.auth.openshift.decision", new String[] {"annotations", "authentication.openshift.io/decision"}),
            Map.entry("ka.auth.openshift.username", new String[] {"annotations", "authentication.openshift.io/username"}),
            Map.entry("ka.validations.admission.policy.failure",
                    new String[] {"annotations", "validation.policy.admission.k8s.io/validation_failure"}),
            Map.entry("ka.security.pod.violations", new String[] {"annotations", "pod-security.kubernetes.io/audit-violations"}),
            Map.entry("ka.user.name", new String[] {"user", "username"}),
            Map.entry("ka.impuser.name", new String[] {"impersonatedUser", "username"}),
            Map.entry("ka.verb", new String[] {"verb"}),
            Map.entry("ka.uri", new String[] {"requestURI"}),
            Map.entry("ka.target.name", new String[] {"objectRef", "name"}),
            Map.entry("ka.target.namespace", new String[] {"objectRef", "namespace"}),
            Map.entry("ka.target.resource", new String[] {"objectRef", "resource"}),
            Map.entry("ka.target.subresource", new String[] {"objectRef", "subresource"}),
            Map.entry("ka.req.binding.role", new String[] {"requestObject", "roleRef", "name"}),
            Map.entry("ka.req.configmap.name", new String[] {"objectRef", "name"}),
            Map.entry("ka.req.configmap.obj", new String[] {"requestObject", "data"}),
            Map.entry("ka.req.pod.host_ipc", new String[] {"requestObject", "spec", "hostIPC"}),
            Map.entry("ka.req.pod.host_network", new String[] {"requestObject", "spec", "hostNetwork"}),
            Map.entry("ka.req.container.host_network", new String[] {"requestObject", "spec", "hostNetwork"}),
            Map.entry("ka.req.pod.host_pid", new String[] {"requestObject", "spec", "hostPID"}),
            Map.entry("ka.req.pod.run_as_user", new String[] {"requestObject", "spec", "securityContext", "runAsUser"}),
            Map.entry("ka.req.pod.run_as_group", new String[] {"requestObject", "spec", "securityContext", "runAsGroup"}),
            Map.entry("ka.req.pod.fs_group", new String[] {"requestObject", "spec", "securityContext", "fsGroup"}),
            Map.entry("ka.req.service.type", new String[] {"requestObject", "spec", "type"}),
            Map.entry("ka.resp.name", new String[] {"responseObject", "metadata", "name"}),
            Map.entry("ka.response.code", new String[] {"responseStatus", "code"}),
            Map.entry("ka.response.reason", new String[] {"responseStatus", "reason"}),
            Map.entry("ka.useragent", new String[] {"userAgent"}),
            Map.entry("ka.cluster.name", new String[] {"annotations", "cluster_name"}));

    /** List fields whose value is an array at a path, each element rendered. */
    private static final Map<String, String[]> DIRECT_LIST = Map.of(
            "ka.user.groups", new String[] {"user", "groups"},
            "ka.req.binding.subjects", new String[] {"requestObject", "subjects"},
            "ka.req.role.rules", new String[] {"requestObject", "rules"},
            "ka.req.pod.supplemental_groups", new String[] {"requestObject", "spec", "securityContext", "supplementalGroups"});

    private static final String POD_PREFIX = "ka.req.pod.";

    private final K8sAuditConfig config;
    private final PluginLogger logger;
    private final DocumentCache cache = new DocumentCache();
    private final Counters counters = new Counters();
    private final ClientAuth clientAuth;

    K8sAuditInstance(K8sAuditConfig config, ClientAuth clientAuth, PluginLogger logger) {
        this.config = config;
        this.clientAuth = clientAuth;
        this.logger = logger;
    }

    /** The configuration this state was initialised with. */
    public K8sAuditConfig config() {
        return config;
    }

    @Override
    public EventStream open(String openParams) throws PluginException {
        AuditEvents.Log log = AuditEvents.Log.of(logger);
        AuditEvents splitter = new AuditEvents(config.maxEventSize(), log, counters);
        return switch (OpenTarget.parse(openParams)) {
            case OpenTarget.Replay replay -> new ReplayStream(ReplayFiles.list(replay.path()), splitter,
                    Math.max(64 * 1024, config.webhookMaxBatchSize()));
            case OpenTarget.Watch watch -> new WatchStream(java.nio.file.Path.of(watch.path()), splitter,
                    config.maxEventSize(), log);
            case OpenTarget.Webhook webhook -> openWebhook(webhook, log);
        };
    }

    private WebhookStream openWebhook(OpenTarget.Webhook webhook, AuditEvents.Log log) throws PluginException {
        // One throttle for the server's rejections and the events it drops: a bad client cannot flood the log.
        ThrottledLog throttled = new ThrottledLog(log);
        AuditEvents splitter = new AuditEvents(config.maxEventSize(), throttled.asLog(), counters);
        if (clientAuth.requiresCertificate() && !webhook.tls()) {
            throw new PluginException(K8sAuditPlugin.NAME + ": webhookClientCA needs an https:// webhook; "
                    + "client certificates cannot be checked over plain http");
        }
        SSLContext tls = webhook.tls()
                ? PemKeyMaterial.serverContext(java.nio.file.Path.of(config.sslCertificate()),
                        clientAuth.requiresCertificate() ? clientAuth.trustManagers(counters, throttled) : null)
                : null;
        return WebhookStream.start(webhook, tls,
                new WebhookStream.Settings(config.webhookMaxBatchSize(), splitter, clientAuth, counters, throttled));
    }

    /** Counts of dropped payloads and events and of rejected webhook requests. */
    @Override
    public List<PluginMetric> metrics() {
        return counters.metrics();
    }

    @Override
    public String eventToString(Event event) {
        return event.type() == Event.PLUGIN_EVENT_TYPE ? new String(event.payload(), StandardCharsets.UTF_8) : "";
    }

    @Override
    public FieldHandle bindField(FieldSpec field, FieldArgument argument) throws PluginException {
        String name = field.name();
        long index = argument.present() && argument.isIndex() ? argument.index() : -1;
        String[] scalar = SCALAR.get(name);
        if (scalar != null) {
            return scalar(root -> {
                JsonValue value = JsonPaths.at(root, scalar);
                return value == null ? null : JsonPaths.text(value);
            });
        }
        String[] direct = DIRECT_LIST.get(name);
        if (direct != null) {
            return list((root, out) -> AuditFields.directList(root, direct, out));
        }
        if (name.startsWith(POD_PREFIX) && !name.startsWith(POD_PREFIX + "volumes")) {
            String rest = name.substring(POD_PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot > 0) {
                String set = rest.substring(0, dot);
                if (set.equals("containers") || set.equals("initContainers") || set.equals("ephemeralContainers")) {
                    return container(set, rest.substring(dot + 1), index, name);
                }
            }
        }
        return switch (name) {
            case "ka.uri.param" -> {
                String key = argument.text();
                yield scalar(root -> AuditFields.uriParam(root, key));
            }
            case "ka.target.pod.name" -> scalar(AuditFields::targetPodName);
            case "ka.req.binding.subjects.user_names" -> list((root, out) -> AuditFields.subjectNames(root, "User", false, out));
            case "ka.req.binding.subjects.serviceaccount_names" ->
                    list((root, out) -> AuditFields.subjectNames(root, "ServiceAccount", false, out));
            case "ka.req.binding.subjects.serviceaccount_ns_names" ->
                    list((root, out) -> AuditFields.subjectNames(root, "ServiceAccount", true, out));
            case "ka.req.binding.subjects.group_names" -> list((root, out) -> AuditFields.subjectNames(root, "Group", false, out));
            case "ka.req.binding.subject.has_name" -> scalar(root -> "true");
            case "ka.req.container.image" -> scalar(AuditFields::firstImage);
            case "ka.req.container.image.repository" -> scalar(root -> {
                String image = AuditFields.firstImage(root);
                return image == null ? null : AuditFields.repository(image);
            });
            case "ka.req.container.privileged" -> scalar(AuditFields::anyPrivileged);
            case "ka.req.role.rules.apiGroups" -> list(flattened("requestObject.rules.apiGroups", index));
            case "ka.req.role.rules.nonResourceURLs" -> list(flattened("requestObject.rules.nonResourceURLs", index));
            case "ka.req.role.rules.verbs" -> list(flattened("requestObject.rules.verbs", index));
            case "ka.req.role.rules.resources" -> list(flattened("requestObject.rules.resources", index));
            case "ka.sourceips" -> list(flattened("requestObject.rules.sourceIPs", index));
            case "ka.req.service.ports" -> list(collected("requestObject.spec.ports", -1));
            case "ka.req.pod.volumes.hostpath" -> list(collected("requestObject.spec.volumes.hostPath.path", index));
            case "ka.req.pod.volumes.flexvolume_driver" -> list(collected("requestObject.spec.volumes.flexVolume.driver", index));
            case "ka.req.pod.volumes.volume_type" -> list((root, out) -> AuditFields.volumeTypes(root, index, out));
            case "ka.req.volume.hostpath" -> {
                String pattern = argument.text();
                yield scalar(root -> AuditFields.hostPathMatches(root, pattern));
            }
            default -> throw new PluginException("field " + name + " is not provided by the k8saudit plugin");
        };
    }

    private FieldHandle container(String set, String suffix, long index, String name) throws PluginException {
        String[] base = {"requestObject", "spec", set};
        return switch (suffix) {
            case "name", "image" -> list((root, out) -> AuditFields.strict(root, base, suffix, index, out));
            case "image.repository" -> list((root, out) -> AuditFields.repositories(root, base, index, out));
            case "command", "args" -> list((root, out) -> AuditFields.joined(root, base, suffix, index, out));
            case "host_port" -> list((root, out) -> AuditFields.hostPorts(root, base, index, out));
            case "privileged" -> list(collected(String.join(".", base) + ".securityContext.privileged", index));
            case "allow_privilege_escalation" ->
                    list(collected(String.join(".", base) + ".securityContext.allowPrivilegeEscalation", index));
            case "read_only_fs" -> list(collected(String.join(".", base) + ".securityContext.readOnlyRootFilesystem", index));
            case "run_as_user" -> list(collected(String.join(".", base) + ".securityContext.runAsUser", index));
            case "run_as_group" -> list(collected(String.join(".", base) + ".securityContext.runAsGroup", index));
            case "proc_mount" -> list(collected(String.join(".", base) + ".securityContext.procMount", index));
            case "add_capabilities" -> list(collected(String.join(".", base) + ".securityContext.capabilities.add", index));
            case "eff_run_as_user" -> list((root, out) -> AuditFields.effectiveId(root, base, "runAsUser", index, out));
            case "eff_run_as_group" -> list((root, out) -> AuditFields.effectiveId(root, base, "runAsGroup", index, out));
            default -> throw new PluginException("field " + name + " is not provided by the k8saudit plugin");
        };
    }

    private static ListExtractor collected(String dotted, long index) {
        String[] keys = JsonPaths.path(dotted);
        return (root, out) -> AuditFields.collected(root, keys, index, out);
    }

    private static ListExtractor flattened(String dotted, long index) {
        String[] keys = JsonPaths.path(dotted);
        return (root, out) -> AuditFields.flattened(root, keys, index, out);
    }

    /** Computes a scalar value from an audit event, null when absent. */
    @FunctionalInterface
    private interface ScalarExtractor {
        String value(JsonValue.JsonObject root);
    }

    /** Adds list values of an audit event; false when the field is absent. */
    @FunctionalInterface
    interface ListExtractor {
        boolean values(JsonValue.JsonObject root, List<String> out);
    }

    private FieldHandle scalar(ScalarExtractor extractor) {
        return (event, out) -> {
            JsonValue.JsonObject root = cache.auditEvent(event);
            String value = root == null ? null : extractor.value(root);
            if (value == null) {
                return false;
            }
            out.addString(value);
            return true;
        };
    }

    private FieldHandle list(ListExtractor extractor) {
        // One buffer per bound field: the host extracts from one thread at a time per state.
        List<String> buffer = new ArrayList<>();
        return (Event event, ValueSink out) -> {
            JsonValue.JsonObject root = cache.auditEvent(event);
            if (root == null) {
                return false;
            }
            buffer.clear();
            if (!extractor.values(root, buffer) || buffer.isEmpty()) {
                return false;
            }
            for (String value : buffer) {
                out.addString(value);
            }
            return true;
        };
    }
}
