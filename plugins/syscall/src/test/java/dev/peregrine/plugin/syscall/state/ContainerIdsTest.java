package dev.peregrine.plugin.syscall.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Container ids from cgroups and metadata from container events. */
class ContainerIdsTest {

    private static final String ID = "ad64969c62e5a4d6ca2b1d2b0ef8a5f3e6d2f7a2c1b0e9d8c7b6a5f4e3d2c1b0";

    @Test
    void hostProcessesHaveTheHostIdentity() {
        assertSame(ContainerIds.HOST, ContainerIds.of(List.of("cpu=/user.slice/user-1000.slice/session-1.scope",
                "memory=/system.slice/cron.service")));
        assertSame(ContainerIds.HOST, ContainerIds.of(List.of()));
    }

    @Test
    void dockerPathsGiveTheFirstTwelveCharactersOfTheId() {
        ContainerIds ids = ContainerIds.of(List.of("cpu=/docker/" + ID));
        assertEquals("ad64969c62e5", ids.id());
        assertEquals(ID, ids.fullId());
        assertEquals("docker", ids.runtime());
        assertEquals("docker", ContainerIds.of(List.of("cpu=/system.slice/docker-" + ID + ".scope")).runtime());
    }

    @Test
    void podmanCriAndLxcLayoutsAreRecognised() {
        assertEquals("podman", ContainerIds.of(List.of("pids=/machine.slice/libpod-" + ID + ".scope")).runtime());
        assertEquals("cri", ContainerIds.of(List.of("cpu=/kubepods/burstable/pod1/crio-" + ID)).runtime());
        ContainerIds lxc = ContainerIds.of(List.of("cpu=/lxc/web01/init.scope"));
        assertEquals("web01", lxc.id());
        assertEquals("lxc", lxc.runtime());
    }

    @Test
    void shortIdsCountOnlyAsContainerdNamespacePathsThatAreNotSystemdUnits() {
        ContainerIds ids = ContainerIds.of(List.of("cpu=/k8s.io/abc123"));
        assertEquals("abc123", ids.id());
        assertEquals("containerd", ids.runtime());
        assertSame(ContainerIds.HOST, ContainerIds.of(List.of("cpu=/system.slice/abc.scope")));
    }

    @Test
    void containerEventJsonGivesNameImageAndRuntime() {
        ContainerInfo info = ContainerInfo.fromJson("{\"container\":{\"id\":\"ad64969c62e5\",\"image\":\"node:latest\","
                + "\"ip\":\"172.17.0.2\",\"name\":\"express_server\",\"type\":0,\"privileged\":true,"
                + "\"labels\":{\"name\":\"x\"},\"Mounts\":[{\"Source\":\"/var/run/docker.sock\","
                + "\"Destination\":\"/host/var/run/docker.sock\",\"Mode\":\"\",\"RW\":true,\"Propagation\":\"rprivate\"}]}}\n");
        assertEquals("ad64969c62e5", info.id());
        assertEquals("express_server", info.name());
        assertEquals("node:latest", info.image());
        assertEquals("docker", info.type());
        assertEquals("172.17.0.2", info.ip());
        assertEquals(true, info.privileged());
        assertEquals(List.of(new ContainerInfo.Mount("/var/run/docker.sock", "/host/var/run/docker.sock", "", true,
                "rprivate")), info.mounts());
        assertEquals("/var/run/docker.sock:/host/var/run/docker.sock::true:rprivate", info.mounts().get(0).text());
        assertNull(ContainerInfo.fromJson("{\"container\":"));
        assertNull(ContainerInfo.fromJson("{\"other\":{}}"));
    }

    @Test
    void containerEventJsonGivesThePluginsDefaultsForMissingAndNullKeys() {
        ContainerInfo info = ContainerInfo.fromJson("{\"container\":{\"id\":\"ad64969c62e5\","
                + "\"pod_sandbox_labels\":null,\"pod_sandbox_id\":\"63060edc2d3aa803ab\","
                + "\"ReadinessProbe\":{\"exe\":\"/ready\",\"args\":[\"-q\"]},\"labels\":{\"b\":\"2\",\"a\":\"\"}}}");
        assertEquals("", info.cniJson());
        assertEquals(false, info.hostPid());
        assertEquals(java.util.Map.of(), info.podSandboxLabels());
        assertEquals("63060edc2d3a", info.shortPodSandboxId());
        assertNull(info.healthcheck());
        assertEquals("/ready -q", info.readinessProbe());
        assertEquals(List.of("a", "b"), List.copyOf(info.labels().keySet()), "sorted by key like std::map");
        assertEquals("a, b:2", info.labelsText());
    }
}
