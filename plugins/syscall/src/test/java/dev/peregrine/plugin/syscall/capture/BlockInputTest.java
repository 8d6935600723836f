package dev.peregrine.plugin.syscall.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.plugin.syscall.event.EventTable;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The read window: it grows with the bytes that arrive, never with a length the stream only claims. */
class BlockInputTest {

    @Test
    void requestLargerThanTheStreamDoesNotAllocateWhatTheStreamLacks() {
        BlockInput input = new BlockInput(Channels.newChannel(new ByteArrayInputStream(new byte[100])), 64);

        assertEquals(100, input.request(1 << 30));
        assertTrue(input.buffer().capacity() <= 128, "window of " + input.buffer().capacity() + " bytes for 100 bytes");
    }

    @Test
    void requestLargerThanTheWindowStillGetsEveryByteInOrder() {
        byte[] bytes = new byte[1000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        BlockInput input = new BlockInput(Channels.newChannel(new ByteArrayInputStream(bytes)), 16);
        assertEquals(10, input.request(10));
        input.skip(7);

        assertEquals(993, input.request(993));
        for (int i = 0; i < 993; i++) {
            assertEquals((byte) (i + 7), input.buffer().get(input.index() + i));
        }
        assertEquals(7, input.offset());
    }

    /** Found by CaptureFuzzTest: a block header claiming ~1 GiB made a 60-byte capture allocate 1 GiB. */
    @Test
    void corruptHugeBlockLengthFailsWithoutAllocatingIt() {
        byte[] capture = ScapBuilder.concat(new ScapBuilder().sectionHeader().toByteArray(),
                ScapBuilder.u32(BlockType.EVENT_V2_LARGE), ScapBuilder.u32((1 << 30) - 4), new byte[16]);
        List<String> warnings = new ArrayList<>();
        long before = allocatedBytes();

        CaptureException e = assertThrows(CaptureException.class, () -> CaptureReader.open(
                new ByteArrayInputStream(capture), "huge.scap", EventTable.standard(), warnings::add));

        assertTrue(e.detail().contains("runs past the end of the file"), e.getMessage());
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 64L << 20, "reading a tiny capture allocated " + (allocated >> 20) + " MB");
    }

    /** Bytes this thread allocated so far (exact, unlike heap usage, which GC blurs). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
