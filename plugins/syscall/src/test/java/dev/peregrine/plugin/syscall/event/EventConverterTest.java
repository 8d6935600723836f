package dev.peregrine.plugin.syscall.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The scap-file converter on synthetic old-layout events, one case per action and instruction. */
class EventConverterTest {

    private static final EventTable TABLE = EventTable.standard();
    private static final int BRK_1_E = 10;
    private static final int BRK_1_X = 11;
    private static final int BRK_4_X = 159;
    private static final int MKDIR_E = 98;
    private static final int MKDIR_X = 99;
    private static final int MKDIR_2_X = 277;
    private static final int CLOSE_X = 5;
    private static final int PROCEXIT_X = 17;
    private static final int CONTAINER_E = 228;
    private static final int CONTAINER_JSON_2_E = 324;
    private static final long TID = 77;

    private final EventConverter converter = new EventConverter();
    private final EventView input = new EventView(TABLE);
    private long number;

    /** Wraps a fresh event in the input view, as the capture reader would deliver it. */
    private EventView event(int type, byte[]... params) {
        int size = 26 + 2 * params.length;
        for (byte[] param : params) {
            size += param.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(1000 + number).putLong(TID).putInt(size).putShort((short) type).putInt(params.length);
        for (byte[] param : params) {
            buffer.putShort((short) param.length);
        }
        for (byte[] param : params) {
            buffer.put(param);
        }
        return input.wrap(buffer, 0).position(++number, 3, 0);
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static byte[] u64(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    private static byte[] cstring(String text) {
        return (text + "\0").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void currentEventsPassThroughUncopied() throws ConversionException {
        EventView close = event(CLOSE_X, u64(0), u64(4));
        assertSame(close, converter.convert(close));
        assertEquals(1, close.number());
    }

    @Test
    void anOldEnterExitPairBecomesOneExitWithTheEnterParameters() throws ConversionException {
        assertNull(converter.convert(event(MKDIR_E, cstring("/tmp/x"), u32(0755))), "the enter event is stored");
        EventView exit = converter.convert(event(MKDIR_X, u64(0)));
        assertEquals(MKDIR_2_X, exit.type());
        assertEquals(3, exit.paramCount());
        assertEquals(0, exit.paramLong(0));
        assertEquals("/tmp/x", exit.paramString(1));
        assertEquals(0755, exit.paramInt(2));
        assertEquals(1, exit.number(), "the dropped enter event takes no number");
        assertEquals(3, exit.cpu());
        assertEquals(1001, exit.timestampNanos(), "the exit keeps its own timestamp");
        assertEquals(TID, exit.tid());
        assertEquals(null, exit.validate(exit.length()));
    }

    @Test
    void aLostEnterEventLeavesTheEnterParametersEmpty() throws ConversionException {
        EventView exit = converter.convert(event(MKDIR_X, u64(-2)));
        assertEquals(MKDIR_2_X, exit.type());
        assertTrue(exit.isParamEmpty(1));
        assertTrue(exit.isParamEmpty(2));
        assertEquals(-2, exit.paramLong(0));
    }

    @Test
    void chainedVersionsUpgradeToTheNewestType() throws ConversionException {
        converter.convert(event(BRK_1_E, u32(4096)));
        EventView exit = converter.convert(event(BRK_1_X, u64(0x7F00)));
        assertEquals(BRK_4_X, exit.type());
        assertEquals(TABLE.info(BRK_4_X).params().size(), exit.paramCount());
        assertEquals(0x7F00, exit.paramLong(0));
        assertEquals(4096, exit.paramInt(1), "vm_size from the enter event's size");
        assertTrue(exit.isParamEmpty(2));
    }

    @Test
    void containerEventsBecomeJsonWithTheLargePayloadLayout() throws ConversionException {
        EventView json = converter.convert(event(CONTAINER_E, cstring("abc123"), u32(0), cstring("web"),
                cstring("nginx:\"1\"")));
        assertEquals(CONTAINER_JSON_2_E, json.type());
        assertEquals(4, json.lengthSize());
        assertEquals("{\"id\":\"abc123\",\"type\":0,\"name\":\"web\",\"image\":\"nginx:\\\"1\\\"\"}", json.paramString(0));
    }

    @Test
    void unusedTypesAreDropped() throws ConversionException {
        assertNull(converter.convert(event(PROCEXIT_X)));
        assertEquals(1, converter.droppedCount());
        assertEquals(0, converter.deliveredCount());
    }

    @Test
    void aStoredEnterOfAnotherSyscallIsAConversionError() throws ConversionException {
        converter.convert(event(MKDIR_E, cstring("/tmp/x"), u32(0755)));
        ConversionException error = assertThrows(ConversionException.class,
                () -> converter.convert(event(BRK_1_X, u64(1))));
        assertEquals("cannot upgrade event 2 (PPME_SYSCALL_BRK_1_X with 1 parameters, tid 77): the stored enter"
                + " event of thread 77 is PPME_SYSCALL_MKDIR_E, not the enter event of PPME_SYSCALL_BRK_1_X",
                error.getMessage());
    }

    @Test
    void aParameterCountWithoutARuleIsAConversionError() {
        ConversionException error = assertThrows(ConversionException.class,
                () -> converter.convert(event(CLOSE_X)));
        assertEquals("cannot upgrade event 1 (PPME_SYSCALL_CLOSE_X with 0 parameters, tid 77): no conversion rule"
                + " for PPME_SYSCALL_CLOSE_X with 0 parameters", error.getMessage());
    }
}
