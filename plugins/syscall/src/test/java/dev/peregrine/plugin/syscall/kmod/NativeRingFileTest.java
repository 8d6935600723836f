package dev.peregrine.plugin.syscall.kmod;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.syscall.bpf.BpfException;
import dev.peregrine.plugin.syscall.bpf.Libbpf;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native path the real devices take (libc open, ioctl, mmap through jnr-ffi), exercised on regular
 * files: this machine's kernel cannot load the module, but a regular file maps like the device for reading.
 */
class NativeRingFileTest {

    private static final EventTable TABLE = EventTable.standard();
    private static final int SIZE = DeviceRingTest.SIZE;

    @TempDir
    Path dir;
    private NativeDeviceIo io;

    @BeforeEach
    void bindLibc() throws BpfException {
        io = new NativeDeviceIo(Libbpf.loadLibc());
    }

    @Test
    void aRingFileMappedThroughLibcIsReadAndItsTailPublished() throws Exception {
        Path file = dir.resolve("ring0");
        try (FileRingProducer producer = new FileRingProducer(file, SIZE)) {
            producer.startAt(SIZE - 60);
            int fd = io.open(file.toString());
            assertTrue(fd >= 0, "open(2) of a regular file: " + fd);
            // The device maps data at offset 0; the file keeps its data after the info page.
            KmodDevices.Device device = KmodDevices.map(io, fd, 0, file.toString(), SIZE, FileRingProducer.PAGE,
                    SIZE, TABLE);
            try {
                DeviceRing ring = device.ring();
                assertNull(ring.peek(), "nothing written yet");
                byte[] first = DeviceRingTest.event(5, 42, 10);
                byte[] wrapping = DeviceRingTest.event(6, 42, 100);
                producer.write(first);
                producer.write(wrapping);
                EventView e = ring.peek();
                assertArrayEquals(first, e.toByteArray());
                assertEquals(42, e.tid());
                ring.advance();
                assertArrayEquals(wrapping, ring.peek().toByteArray(), "an event across the end of a single mapping");
                ring.advance();
                assertNull(ring.peek());
                assertEquals(producer.head(), producer.tail(), "the tail written through the native info mapping "
                        + "reached the file");
                producer.counter(1, 7);
                assertEquals(7, ring.counters().dropsBuffer(), "counters read through the native mapping");
            } finally {
                io.unmap(device.infoAddress(), device.infoLength());
                io.unmap(device.dataAddress(), device.dataLength());
                io.close(fd);
            }
        }
    }

    @Test
    void aDataAreaHeldTwiceBackToBackIsReadInPlaceThroughTheNativeView() throws Exception {
        // The module's data mapping is the buffer twice; a file holding the ring bytes twice after the info
        // page stands in for it, so the 2 x size native view the device path builds is exercised for real.
        Path file = dir.resolve("double0");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(FileRingProducer.PAGE + 2 * SIZE), 0);
            MappedByteBuffer info = channel.map(FileChannel.MapMode.READ_WRITE, 0, FileRingProducer.PAGE);
            MappedByteBuffer data = channel.map(FileChannel.MapMode.READ_WRITE, FileRingProducer.PAGE, 2L * SIZE);
            info.order(ByteOrder.LITTLE_ENDIAN);
            int start = SIZE - 30;
            byte[] wrapping = DeviceRingTest.event(77, 9, 200);
            for (int k = 0; k < wrapping.length; k++) {
                // Only the second copy gets the bytes past the end: reading them proves the event is read in
                // place from the double mapping, not reassembled from the start of the first copy.
                data.put(start + k, wrapping[k]);
            }
            info.putInt(DeviceRing.TAIL_OFFSET, start);
            info.putInt(DeviceRing.HEAD_OFFSET, (start + wrapping.length) % SIZE);
            int fd = io.open(file.toString());
            KmodDevices.Device device = KmodDevices.map(io, fd, 0, file.toString(), SIZE, FileRingProducer.PAGE,
                    2L * SIZE, TABLE);
            try {
                EventView e = device.ring().peek();
                assertArrayEquals(wrapping, e.toByteArray(), "read in place across the end of the first copy");
                assertEquals(200, e.paramInt(3), "parameters past the end of the first copy decode");
                device.ring().advance();
                assertNull(device.ring().peek());
                assertEquals((start + wrapping.length) % SIZE, info.getInt(DeviceRing.TAIL_OFFSET));
            } finally {
                io.unmap(device.infoAddress(), device.infoLength());
                io.unmap(device.dataAddress(), device.dataLength());
                io.close(fd);
            }
        }
    }

    @Test
    void openAndMmapFailuresComeBackAsErrno() throws Exception {
        assertEquals(-DeviceIo.ENOENT, io.open(dir.resolve("absent").toString()));
        assertEquals("No such file or directory", io.errorText(DeviceIo.ENOENT));
        Path file = dir.resolve("small");
        Files.write(file, new byte[4096]);
        int fd = io.open(file.toString());
        try {
            assertEquals(-22, io.map(fd, 4096, false, 1), "an unaligned offset is EINVAL");
            long[] out = {-1};
            assertEquals(-25, io.ioctlRead(fd, KmodIoctl.GET_API_VERSION, out), "a regular file is not a tty: ENOTTY");
            assertEquals(-1, out[0], "nothing written on failure");
            assertEquals(-25, io.ioctl(fd, KmodIoctl.SET_SNAPLEN, 80));
            long[] pending = {-1};
            assertEquals(0, io.ioctlRead(fd, 0x541B, pending), "FIONREAD answers on a regular file");
            assertEquals(4096, pending[0], "the value the kernel stored through the argument pointer is read back");
        } finally {
            io.close(fd);
        }
    }

    @Test
    void aRegularFileInPlaceOfTheDeviceFailsTheVersionIoctlWithLibscapsSentence() throws Exception {
        Files.write(dir.resolve("falco0"), new byte[4096]);
        KmodSettings settings = new KmodSettings(dir, "falco", dir.resolve("sys"), 8 << 20, 80, false, Set.of(),
                new boolean[512]);
        PluginException e = assertThrows(PluginException.class, () -> KmodDevices.open(settings, io, TABLE));
        assertEquals("Kernel module does not support PPM_IOCTL_GET_API_VERSION", e.getMessage());
    }
}
