package dev.peregrine.plugin.syscall.kmod;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventBatch;
import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.syscall.capture.CaptureMetadata;
import dev.peregrine.plugin.syscall.capture.EventRecorder;
import dev.peregrine.plugin.syscall.capture.SectionHeader;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.event.SyscallEventTypeCatalog;
import dev.peregrine.plugin.syscall.state.SyscallEvent;
import dev.peregrine.plugin.syscall.state.SyscallState;
import dev.peregrine.plugin.syscall.testing.CallbackBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening, checking, mapping and configuring the module's devices, against a fake module. */
class KmodDevicesTest {

    private static final EventTable TABLE = EventTable.standard();
    private static final int SIZE = 16 * 4096;

    @TempDir
    Path dir;

    private KmodSettings settings(Set<String> names, boolean dropFailed) {
        boolean[] natives = new boolean[512];
        for (int nr = 0; nr < natives.length; nr++) {
            int ppmSc = TABLE.ppmScOfNative(nr);
            natives[nr] = ppmSc > 0 && names.contains(TABLE.syscallName(ppmSc));
        }
        return new KmodSettings(dir, "falco", dir.resolve("sys"), SIZE, 80, dropFailed, names, natives);
    }

    private static int nativeOf(String name) {
        for (int nr = 0; nr < 512; nr++) {
            int ppmSc = TABLE.ppmScOfNative(nr);
            if (ppmSc > 0 && TABLE.syscallName(ppmSc).equals(name)) {
                return nr;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void everyOnlineDeviceIsMappedAndTheCaptureIsConfiguredInLibscapsOrder() throws Exception {
        FakeDevices module = new FakeDevices(dir, SIZE, 3);
        module.openErrors.put(module.path(1), DeviceIo.ENODEV); // cpu 1 offline
        try (KmodDevices devices = KmodDevices.open(settings(Set.of("openat", "execve", "clone"), true), module,
                TABLE)) {
            assertEquals(2, devices.count());
            assertEquals(List.of(module.path(0), module.path(2)),
                    devices.devices().stream().map(KmodDevices.Device::path).toList());
            assertEquals(4, module.mapped.size(), "data and info of each device");
            assertTrue(module.mapped.containsValue(2L * SIZE), "data mapped twice its size");
            assertTrue(module.mapped.containsValue((long) DeviceRing.INFO_BYTES));
            int fd = devices.devices().get(0).fd();
            List<String> expected = new ArrayList<>();
            expected.add("PPM_IOCTL_DISABLE_DROPPING_MODE(0)@" + fd);
            expected.add("PPM_IOCTL_SET_SNAPLEN(80)@" + fd);
            expected.add("PPM_IOCTL_ENABLE_DROPFAILED(0)@" + fd);
            for (int nr = 0; nr < 512; nr++) {
                expected.add("PPM_IOCTL_DISABLE_SYSCALL(" + nr + ")@" + fd);
            }
            List<Integer> enabled = new ArrayList<>(List.of(nativeOf("openat"), nativeOf("execve"), nativeOf("clone")));
            enabled.sort(null);
            for (int nr : enabled) {
                expected.add("PPM_IOCTL_ENABLE_SYSCALL(" + nr + ")@" + fd);
            }
            for (String tp : List.of("ENABLE_TP(0)", "ENABLE_TP(1)", "ENABLE_TP(7)", "ENABLE_TP(8)", "ENABLE_TP(2)",
                    "DISABLE_TP(3)", "DISABLE_TP(4)", "DISABLE_TP(5)", "DISABLE_TP(6)")) {
                expected.add("PPM_IOCTL_" + tp + "@" + fd);
            }
            assertEquals(expected, module.ioctls);
            module.ioctls.clear();
        }
        List<String> stop = new ArrayList<>(module.ioctls);
        assertEquals(3 + 9, stop.size(), "stop: the selected syscalls and every tracepoint off: " + stop);
        assertTrue(stop.stream().allMatch(s -> s.startsWith("PPM_IOCTL_DISABLE_")), stop.toString());
        assertTrue(module.openFds.isEmpty(), "every device closed");
        assertTrue(module.mapped.isEmpty(), "every mapping undone");
    }

    @Test
    void withoutForkOrExecSyscallsTheirTracepointsStayOffAndDropFailedIsDisabled() throws Exception {
        FakeDevices module = new FakeDevices(dir, SIZE, 1);
        try (KmodDevices devices = KmodDevices.open(settings(Set.of("openat"), false), module, TABLE)) {
            assertTrue(module.ioctls.contains("PPM_IOCTL_DISABLE_DROPFAILED(0)@10"), module.ioctls.toString());
            assertTrue(module.ioctls.contains("PPM_IOCTL_DISABLE_TP(7)@10"));
            assertTrue(module.ioctls.contains("PPM_IOCTL_DISABLE_TP(8)@10"));
            assertTrue(module.ioctls.contains("PPM_IOCTL_ENABLE_TP(2)@10"), "process exit is always wanted");
            assertEquals(1, devices.count());
        }
    }

    @Test
    void eventsTheModuleWritesReachTheHostMergedByTimestampAndWrappedEventsReadWhole() throws Exception {
        FakeDevices module = new FakeDevices(dir, SIZE, 2);
        KmodDevices devices = KmodDevices.open(settings(Set.of("read"), false), module, TABLE);
        module.startAt(1, SIZE - 40);
        byte[] wrapping = DeviceRingTest.event(20, 22, 100);
        module.write(0, DeviceRingTest.event(10, 11, 3));
        module.write(1, wrapping);
        module.write(0, DeviceRingTest.event(30, 11, 3));
        CaptureMetadata empty = new CaptureMetadata(new SectionHeader(1, 2, -1, 0), null, List.of(), List.of(),
                List.of(), List.of(), List.of());
        List<String> seen = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        EventBatch batch = new CallbackBatch(event -> {
            EventView view = ((SyscallEvent) event).view();
            seen.add(view.timestampNanos() + "/" + view.tid() + "@" + view.cpu());
            bytes.add(view.toByteArray());
        });
        KmodCapture capture = KmodCapture.over(devices, new SyscallState(TABLE, empty),
                SyscallEventTypeCatalog.standard(), EventRecorder.NONE);
        try (capture) {
            for (int i = 0; i < 3; i++) {
                assertEquals(BatchStatus.SUCCESS, capture.nextBatch(batch));
            }
            assertEquals(BatchStatus.TIMEOUT, capture.nextBatch(batch));
            assertEquals(List.of("10/11@0", "20/22@1", "30/11@0"), seen);
            assertArrayEquals(wrapping, bytes.get(1), "an event across the end is read whole from the double mapping");
            assertEquals((SIZE - 40 + wrapping.length) % SIZE, module.tail(1), "the tail is released past the wrap");
            assertEquals(3, capture.counters().events());
        }
        assertTrue(module.openFds.isEmpty(), "closing the stream closes the devices");
        assertTrue(module.mapped.isEmpty());
        assertEquals(3, capture.counters().events(), "after close the counters come from a snapshot, not the "
                + "unmapped info pages");
        assertEquals(BatchStatus.EOF, capture.nextBatch(batch));
    }

    @Test
    void aBusyDeviceSaysTheConsumerLimitIsReachedAndReleasesTheOthers() throws Exception {
        FakeDevices module = new FakeDevices(dir, SIZE, 2);
        module.openErrors.put(module.path(1), DeviceIo.EBUSY);
        PluginException e = assertThrows(PluginException.class,
                () -> KmodDevices.open(settings(Set.of("read"), false), module, TABLE));
        assertEquals("cannot open " + module.path(1) + ": device busy; the kernel module's max_consumers limit is "
                + "reached (is another Falco or sysdig running?)", e.getMessage());
        assertTrue(module.openFds.isEmpty(), "device 0 was closed again");
        assertTrue(module.mapped.isEmpty(), "and unmapped");
        assertTrue(module.ioctls.isEmpty(), "nothing was configured");
    }

    @Test
    void aDeviceWeMayNotOpenAsksForRoot() throws Exception {
        FakeDevices module = new FakeDevices(dir, SIZE, 1);
        module.openErrors.put(module.path(0), DeviceIo.EACCES);
        PluginException e = assertThrows(PluginException.class,
                () -> KmodDevices.open(settings(Set.of("read"), false), module, TABLE));
        assertEquals("cannot open " + module.path(0) + ": permission denied; the kmod engine needs root",
                e.getMessage());
        module.openErrors.put(module.path(0), 6);
        PluginException other = assertThrows(PluginException.class,
                () -> KmodDevices.open(settings(Set.of("read"), false), module, TABLE));
        assertEquals("error opening device " + module.path(0) + ". Make sure you have root credentials and that the "
                + "falco module is loaded: errno 6", other.getMessage());
    }

    @Test
    void aMissingModuleIsReportedBeforeAnyDeviceIsTouched() {
        PluginException e = assertThrows(PluginException.class,
                () -> KmodDevices.open(settings(Set.of("read"), false), new FakeDevices(dir, SIZE, 0), TABLE));
        assertEquals("no " + dir.resolve("falco0") + ": the Falco kernel module is not loaded", e.getMessage());
    }

    @Test
    void anIncompatibleApiOrSchemaIsRefusedWithBothVersionsNamed() throws Exception {
        FakeDevices module = new FakeDevices(dir, SIZE, 1);
        module.versions.put(module.path(0), new long[] {new DriverVersion(9, 0, 0).pack(),
            DriverVersion.OUR_SCHEMA.pack()});
        PluginException api = assertThrows(PluginException.class,
                () -> KmodDevices.open(settings(Set.of("read"), false), module, TABLE));
        assertEquals("Driver supports API version 9.0.0, but running version needs 10.1.0", api.getMessage());
        module.versions.put(module.path(0), new long[] {new DriverVersion(10, 3, 2).pack(),
            new DriverVersion(4, 4, 0).pack()});
        PluginException schema = assertThrows(PluginException.class,
                () -> KmodDevices.open(settings(Set.of("read"), false), module, TABLE));
        assertEquals("Driver supports schema version 4.4.0, but running version needs 4.5.1", schema.getMessage());
        assertTrue(module.openFds.isEmpty());
        assertTrue(module.mapped.isEmpty(), "an incompatible device is never mapped");
        module.versions.put(module.path(0), new long[] {new DriverVersion(10, 3, 2).pack(),
            new DriverVersion(4, 6, 0).pack()});
        try (KmodDevices newer = KmodDevices.open(settings(Set.of("read"), false), module, TABLE)) {
            assertEquals(1, newer.count(), "a newer minor of both is accepted");
        }
    }

    @Test
    void devicesDisagreeingOnTheirVersionAreRefused() throws Exception {
        FakeDevices module = new FakeDevices(dir, SIZE, 2);
        module.versions.put(module.path(1), new long[] {new DriverVersion(10, 2, 0).pack(),
            DriverVersion.OUR_SCHEMA.pack()});
        PluginException e = assertThrows(PluginException.class,
                () -> KmodDevices.open(settings(Set.of("read"), false), module, TABLE));
        assertEquals("API version mismatch: device " + module.path(1) + " reports API version 10.2.0, expected 10.1.0",
                e.getMessage());
        assertTrue(module.openFds.isEmpty());
        assertTrue(module.mapped.isEmpty());
    }

    @Test
    void aModuleWithoutTheVersionIoctlIsRefused() throws Exception {
        FakeDevices module = new FakeDevices(dir, SIZE, 1);
        module.versionError = 25;
        PluginException e = assertThrows(PluginException.class,
                () -> KmodDevices.open(settings(Set.of("read"), false), module, TABLE));
        assertEquals("Kernel module does not support PPM_IOCTL_GET_API_VERSION", e.getMessage());
        assertTrue(module.openFds.isEmpty());
    }

    @Test
    void aRefusedMappingSaysWhichDeviceAndWhy() throws Exception {
        FakeDevices module = new FakeDevices(dir, SIZE, 2);
        module.failMapNumber = 3; // device 1's info page
        PluginException e = assertThrows(PluginException.class,
                () -> KmodDevices.open(settings(Set.of("read"), false), module, TABLE));
        assertEquals("error mapping the ring buffer info for device " + module.path(1) + ". (If you get memory "
                + "allocation errors try to reduce the buffer dimension): errno 12", e.getMessage());
        assertTrue(module.openFds.isEmpty());
        assertTrue(module.mapped.isEmpty(), "device 1's data and device 0's mappings are undone");
    }

    @Test
    void aRefusedSettingIsReportedAndTheDevicesReleased() throws Exception {
        FakeDevices module = new FakeDevices(dir, SIZE, 1);
        module.ioctlErrors.put(KmodIoctl.SET_SNAPLEN, 22);
        PluginException e = assertThrows(PluginException.class,
                () -> KmodDevices.open(settings(Set.of("read"), false), module, TABLE));
        assertEquals("cannot configure the kernel module: PPM_IOCTL_SET_SNAPLEN(80) failed: errno 22",
                e.getMessage());
        assertTrue(module.openFds.isEmpty());
        assertTrue(module.mapped.isEmpty());
    }

    @Test
    void everyCpuOfflineIsASentence() throws Exception {
        FakeDevices module = new FakeDevices(dir, SIZE, 1);
        module.openErrors.put(module.path(0), DeviceIo.ENODEV);
        PluginException e = assertThrows(PluginException.class,
                () -> KmodDevices.open(settings(Set.of("read"), false), module, TABLE));
        assertEquals("no kernel module device " + dir.resolve("falcoN") + " could be opened: every CPU is offline",
                e.getMessage());
    }

    @Test
    void theModulesBufferSizeParameterIsSetToOursWhenItDiffers() throws Exception {
        Path parameter = dir.resolve("sys/falco/parameters/g_buffer_bytes_dim");
        Files.createDirectories(parameter.getParent());
        Files.writeString(parameter, "8388608\n");
        FakeDevices module = new FakeDevices(dir, SIZE, 1);
        try (KmodDevices devices = KmodDevices.open(settings(Set.of("read"), false), module, TABLE)) {
            assertEquals(Integer.toString(SIZE), Files.readString(parameter));
            assertEquals(1, devices.count());
        }
        Files.writeString(parameter, SIZE + "\n");
        try (KmodDevices devices = KmodDevices.open(settings(Set.of("read"), false), module, TABLE)) {
            assertEquals(SIZE + "\n", Files.readString(parameter), "an equal value is not rewritten");
        }
    }
}
