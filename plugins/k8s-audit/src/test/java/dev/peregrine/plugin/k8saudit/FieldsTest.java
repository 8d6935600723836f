package dev.peregrine.plugin.k8saudit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ka.* derivations and upstream quirks, on hand-written audit events. */
class FieldsTest {

    private static final String POD = """
            {"kind":"Event","auditID":"a1","stage":"ResponseComplete","verb":"create",\
            "requestURI":"/api/v1/namespaces/default/pods/p/exec?command=bash&container=c1&container=c2&x=a+b%21",\
            "user":{"username":"alice","groups":["system:masters",7]},\
            "objectRef":{"resource":"pods","namespace":"default","name":"p"},\
            "responseStatus":{"code":201},\
            "annotations":{"authorization.k8s.io/decision":"allow","cluster_name":"prod"},\
            "responseObject":{"metadata":{"name":"nginx-1"}},\
            "requestObject":{"data":{"password":"x","n":1},"spec":{"hostNetwork":true,\
            "securityContext":{"runAsUser":1000,"supplementalGroups":[1,2]},\
            "volumes":[{"name":"v0","hostPath":{"path":"/etc"}},{"name":"v1","secret":{"secretName":"s"}},\
            {"name":"v2","hostPath":{"path":"/var/run/docker.sock"},"flexVolume":{"driver":"d"}}],\
            "containers":[{"name":"a","image":"registry:5000/nginx:1.2","command":["sh","-c"],\
            "securityContext":{"privileged":true,"capabilities":{"add":["NET_ADMIN","SYS_TIME"]}},\
            "ports":[{"containerPort":80},{"containerPort":81,"hostPort":8081}]},\
            {"name":"b","image":"busybox@sha256:abc","securityContext":{"privileged":false}}],\
            "initContainers":[{"image":"init"}]}},\
            "stageTimestamp":"2018-10-25T14:09:12.000000Z"}""";

    private final Extraction extraction = new Extraction();

    @Test
    void scalarFieldsRenderStringsVerbatimAndOtherValuesAsCompactJson() {
        assertEquals(List.of("alice"), extraction.values("ka.user.name", POD));
        assertEquals(List.of("201"), extraction.values("ka.response.code", POD));
        assertEquals(List.of("true"), extraction.values("ka.req.pod.host_network", POD));
        assertEquals(List.of("{\"password\":\"x\",\"n\":1}"), extraction.values("ka.req.configmap.obj", POD));
        assertEquals(List.of("allow"), extraction.values("ka.auth.decision", POD));
        assertEquals(List.of("prod"), extraction.values("ka.cluster.name", POD));
        assertEquals(List.of("1000"), extraction.values("ka.req.pod.run_as_user", POD));
        assertNull(extraction.values("ka.target.subresource", POD));
    }

    @Test
    void everyFieldIsAbsentWithoutAnAuditId() {
        String noId = POD.replace("\"auditID\":\"a1\",", "");
        assertNull(extraction.values("ka.user.name", noId));
        assertNull(extraction.values("ka.req.binding.subject.has_name", "x", noId));
        assertEquals(List.of("true"), extraction.values("ka.req.binding.subject.has_name", "x", POD));
    }

    @Test
    void uriParamGivesTheFirstDecodedValue() {
        assertEquals(List.of("bash"), extraction.values("ka.uri.param", "command", POD));
        assertEquals(List.of("c1"), extraction.values("ka.uri.param", "container", POD));
        assertEquals(List.of("a b!"), extraction.values("ka.uri.param", "x", POD));
        assertNull(extraction.values("ka.uri.param", "missing", POD));
        assertNull(extraction.values("ka.uri.param", "command", POD.replace("&x=a+b%21", "&x=%zz")));
    }

    @Test
    void containerListsFollowUpstreamRules() {
        assertEquals(List.of("registry:5000/nginx:1.2", "busybox@sha256:abc"), extraction.values("ka.req.pod.containers.image", POD));
        assertEquals(List.of("busybox@sha256:abc"), extraction.values("ka.req.pod.containers.image", "1", POD));
        assertEquals(List.of("registry", "busybox"), extraction.values("ka.req.pod.containers.image.repository", POD));
        assertEquals(List.of("true", "false"), extraction.values("ka.req.pod.containers.privileged", POD));
        assertEquals(List.of("sh -c"), extraction.values("ka.req.pod.containers.command", POD));
        assertEquals(List.of("80", "8081"), extraction.values("ka.req.pod.containers.host_port", POD));
        assertEquals(List.of("[\"NET_ADMIN\",\"SYS_TIME\"]"), extraction.values("ka.req.pod.containers.add_capabilities", POD));
        assertEquals(List.of("0", "0"), extraction.values("ka.req.pod.containers.eff_run_as_user", POD));
        assertNull(extraction.values("ka.req.pod.containers.eff_run_as_user", "0", POD));
        assertNull(extraction.values("ka.req.pod.containers.image", "5", POD));
        assertNull(extraction.values("ka.req.pod.initContainers.name", POD), "strict: a container lacks its name");
        assertEquals(List.of("init"), extraction.values("ka.req.pod.initContainers.image", POD));
        assertNull(extraction.values("ka.req.pod.ephemeralContainers.image", POD));
        assertEquals(List.of("true"), extraction.values("ka.req.container.privileged", POD));
        assertEquals(List.of("registry"), extraction.values("ka.req.container.image.repository", POD));
    }

    @Test
    void volumeFieldsSkipMissingValuesAndHonourTheIndex() {
        assertEquals(List.of("/etc", "/var/run/docker.sock"), extraction.values("ka.req.pod.volumes.hostpath", POD));
        assertNull(extraction.values("ka.req.pod.volumes.hostpath", "1", POD));
        assertEquals(List.of("/var/run/docker.sock"), extraction.values("ka.req.pod.volumes.hostpath", "2", POD));
        assertEquals(List.of("hostPath", "secret", "hostPath", "flexVolume"), extraction.values("ka.req.pod.volumes.volume_type", POD));
        assertEquals(List.of("d"), extraction.values("ka.req.pod.volumes.flexvolume_driver", POD));
        assertEquals(List.of("true"), extraction.values("ka.req.volume.hostpath", "/var/run/*", POD));
        assertEquals(List.of("false"), extraction.values("ka.req.volume.hostpath", "/var/run", POD));
    }

    @Test
    void directListsRenderEachElement() {
        assertEquals(List.of("system:masters", "7"), extraction.values("ka.user.groups", POD));
        assertEquals(List.of("1", "2"), extraction.values("ka.req.pod.supplemental_groups", POD));
        assertEquals(List.of("nginx-1"), extraction.values("ka.target.pod.name", POD));
    }

    @Test
    void roleAndBindingFieldsFlattenAndFilter() {
        String role = """
                {"auditID":"r","requestObject":{"rules":[{"verbs":["*","get"],"resources":["pods"]},{"verbs":["list"]}],\
                "subjects":[{"kind":"User","name":"u"},{"kind":"ServiceAccount","name":"sa","namespace":"ns"},\
                {"kind":"ServiceAccount","name":"sa2"},{"kind":"Group","name":"g"}],"roleRef":{"name":"admin"},\
                "spec":{"ports":[{"port":80}]}}}""";
        assertEquals(List.of("*", "get", "list"), extraction.values("ka.req.role.rules.verbs", role));
        assertEquals(List.of("list"), extraction.values("ka.req.role.rules.verbs", "1", role));
        assertEquals(List.of("{\"verbs\":[\"list\"]}"), extraction.values("ka.req.role.rules", role).subList(1, 2));
        assertEquals(List.of("u"), extraction.values("ka.req.binding.subjects.user_names", role));
        assertEquals(List.of("sa", "sa2"), extraction.values("ka.req.binding.subjects.serviceaccount_names", role));
        assertEquals(List.of("ns:sa"), extraction.values("ka.req.binding.subjects.serviceaccount_ns_names", role));
        assertEquals(List.of("g"), extraction.values("ka.req.binding.subjects.group_names", role));
        assertEquals(List.of("admin"), extraction.values("ka.req.binding.role", role));
        assertEquals(List.of("[{\"port\":80}]"), extraction.values("ka.req.service.ports", "3", role));
        assertNull(extraction.values("ka.sourceips", role.replace("{\"auditID\":\"r\",", "{\"auditID\":\"r\",\"sourceIPs\":[\"1.2.3.4\"],")));
    }

    @Test
    void everyFieldOfTheTableCanBeBound() {
        for (var field : new K8sAuditPlugin().fields()) {
            String argument = field.argumentRequired() ? "k" : null;
            extraction.values(field.name(), argument, POD);
        }
        assertEquals(100, new K8sAuditPlugin().fields().size());
    }
}
