package dev.peregrine.plugin.syscall.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The event flyweight: header fields, parameter access at any offset, and validation messages. */
class EventViewTest {

    private static final int OPEN_X = 3;
    private final EventView view = new EventView(EventTable.standard());

    /** OPEN_X(fd=-2, name="/etc/x", flags=1, mode=0644) at offset 5 of a larger buffer, with 4 of 6 params. */
    private static ByteBuffer openExit() {
        byte[] name = "/etc/x\0".getBytes(StandardCharsets.UTF_8);
        int size = 26 + 4 * 2 + 8 + name.length + 4 + 4;
        ByteBuffer buffer = ByteBuffer.allocate(size + 10).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(5);
        buffer.putLong(123L).putLong(456L).putInt(size).putShort((short) OPEN_X).putInt(4);
        buffer.putShort((short) 8).putShort((short) name.length).putShort((short) 4).putShort((short) 4);
        buffer.putLong(-2).put(name).putInt(1).putInt(0644);
        return buffer;
    }

    @Test
    void headerAndParametersReadInPlaceAtAnyOffset() {
        view.wrap(openExit(), 5);
        assertEquals(123L, view.timestampNanos());
        assertEquals(456L, view.tid());
        assertEquals(OPEN_X, view.type());
        assertEquals("PPME_SYSCALL_OPEN_X", view.info().enumName());
        assertEquals(4, view.paramCount());
        assertEquals(2, view.lengthSize());
        assertEquals(-2, view.paramLong(0));
        assertEquals(-2, view.paramSigned(0));
        assertEquals("/etc/x", view.paramString(1));
        assertEquals(1, view.paramUnsigned(2));
        assertEquals(0644, view.paramInt(3));
        assertNull(view.validate(view.length()));
    }

    @Test
    void trailingParametersTheProducerLeftOutAreEmpty() {
        view.wrap(openExit(), 5);
        assertTrue(view.isParamEmpty(4));
        assertTrue(view.isParamEmpty(5));
        assertNull(view.paramString(5));
        assertEquals(0, view.copyParam(5, new byte[8], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> view.paramLong(5));
    }

    @Test
    void rewrappingForgetsThePreviousEventsParameterOffsets() {
        ByteBuffer first = openExit();
        view.wrap(first, 5);
        assertEquals("/etc/x", view.paramString(1));
        ByteBuffer second = openExit();
        second.put(5 + 26 + 8 + 8 + 5, (byte) 'y');
        view.wrap(second, 5);
        assertEquals("/etc/y", view.paramString(1));
    }

    @Test
    void validationNamesTheShortfall() {
        ByteBuffer buffer = openExit();
        view.wrap(buffer, 5);
        assertEquals("event length 57 runs past the end of its block (40 bytes)", view.validate(40));
        assertEquals("expected an event header of 26 bytes but only 20 are left", view.validate(20));
        buffer.putShort(5 + 26 + 2, (short) 30);
        view.wrap(buffer, 5);
        assertEquals("parameter 1 (name) of PPME_SYSCALL_OPEN_X ends at byte 72, past the event length 57",
                view.validate(57));
    }
}
