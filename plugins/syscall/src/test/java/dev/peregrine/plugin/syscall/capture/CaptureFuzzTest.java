package dev.peregrine.plugin.syscall.capture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.peregrine.plugin.syscall.event.ConversionException;
import dev.peregrine.plugin.syscall.event.EventConverter;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Coverage-guided fuzzing of the block reader and the event converter: arbitrary bytes, read as a whole
 * capture or as one event, must give events or a sentence saying what is wrong, never another exception,
 * a hang or an out-of-memory error.
 *
 * <p>In the normal build Jazzer runs in regression mode: only the seeds under
 * {@code src/test/resources/.../CaptureFuzzTestInputs/<method>/} (heads of the legacy captures) and any
 * crash files saved there. With {@code JAZZER_FUZZ=1} it mutates inputs for {@code maxDuration}; see
 * the module README.
 */
class CaptureFuzzTest {

    private static final EventTable TABLE = EventTable.standard();
    /** More events than any input of the fuzzer's size limit can hold: reaching it means a loop. */
    private static final int MAX_EVENTS = 1 << 20;

    @FuzzTest(maxDuration = "60s")
    void captureBytesYieldEventsOrCaptureException(byte[] bytes) {
        EventConverter converter = new EventConverter();
        long before = 0;
        try (CaptureReader reader = CaptureReader.open(new ByteArrayInputStream(bytes), "fuzz.scap", TABLE,
                warning -> assertSentence(warning))) {
            assertNotNull(reader.metadata(), "a reader that opened has the metadata of its first section");
            int events = 0;
            for (EventView event = reader.next(); event != null; event = reader.next()) {
                assertTrue(++events < MAX_EVENTS, "the reader keeps returning events");
                assertTrue(reader.eventCount() > before, "event numbers grow");
                before = reader.eventCount();
                readEveryParameter(event);
                try {
                    EventView converted = converter.convert(event);
                    if (converted != null) {
                        readEveryParameter(converted);
                    }
                } catch (ConversionException e) {
                    assertSentence(e.getMessage());
                }
            }
            assertTrue(reader.next() == null, "the end of a capture stays the end");
        } catch (CaptureException e) {
            assertSentence(e.getMessage());
            assertSentence(e.detail());
        }
    }

    @FuzzTest(maxDuration = "60s")
    void singleEventBytesYieldEventOrSentence(byte[] bytes) {
        if (bytes.length < EventView.HEADER_LENGTH) {
            return; // wrap reads the header; the reader checks that it is there before wrapping
        }
        EventView view = new EventView(TABLE);
        view.wrap(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), 0);
        String problem = view.validate(bytes.length);
        if (problem != null) {
            assertSentence(problem);
            return;
        }
        view.position(1, 0, 0);
        readEveryParameter(view);
        EventConverter converter = new EventConverter();
        try {
            EventView converted = converter.convert(view);
            if (converted != null) {
                readEveryParameter(converted);
                assertTrue(converted.validate(converted.buffer().capacity() - converted.offset()) == null,
                        "the converter delivers well-formed events: " + converted);
            }
        } catch (ConversionException e) {
            assertSentence(e.getMessage());
        }
    }

    /** Touches every parameter the way field extraction does; a validated event must allow all of it. */
    private static void readEveryParameter(EventView event) {
        assertTrue(event.type() < TABLE.size(), "delivered events have a known type");
        int count = event.paramCount();
        assertTrue(count >= 0 && count <= event.info().params().size(), "parameter count within the table");
        for (int i = 0; i < count; i++) {
            int length = event.paramLength(i);
            assertTrue(length >= 0, "parameter lengths are not negative");
            assertTrue(event.paramOffset(i) + (long) length <= event.offset() + (long) event.length(),
                    "parameter " + i + " stays inside its event");
            event.paramUnsigned(i);
            event.paramSigned(i);
            event.paramString(i);
        }
        event.toByteArray();
        assertFalse(event.toString().isEmpty());
    }

    private static void assertSentence(String message) {
        assertNotNull(message, "errors carry a message");
        assertFalse(message.isBlank(), "errors carry a message");
    }
}
