package dev.peregrine.plugin.syscall.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The converter's per-thread enter copies: found by tid, used up, kept across growth and reuse. */
class StoredEntersTest {

    private static EventView enter(long tid, long ts) {
        ByteBuffer bytes = ByteBuffer.allocate(EventView.HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(EventView.TIMESTAMP_OFFSET, ts);
        bytes.putLong(EventView.TID_OFFSET, tid);
        bytes.putInt(EventView.LENGTH_OFFSET, EventView.HEADER_LENGTH);
        bytes.putShort(EventView.TYPE_OFFSET, (short) 2);
        bytes.putInt(EventView.NPARAMS_OFFSET, 0);
        return new EventView(EventTable.standard()).wrap(bytes, 0);
    }

    @Test
    void thousandsOfThreadsKeepTheirOwnLastEnterAcrossTableGrowth() {
        StoredEnters store = new StoredEnters();
        for (long tid = 1; tid <= 5000; tid++) {
            store.store(enter(tid * 7919, tid));
        }
        for (long tid = 1; tid <= 5000; tid++) {
            assertEquals(tid, store.find(tid * 7919).getLong(EventView.TIMESTAMP_OFFSET));
        }
        assertNull(store.find(3));
    }

    @Test
    void aUsedUpEnterIsGoneUntilTheNextStoreWhichReusesTheBuffer() {
        StoredEnters store = new StoredEnters();
        store.store(enter(42, 1));
        ByteBuffer first = store.find(42);
        store.forget(42);
        assertNull(store.find(42));
        store.store(enter(42, 2));
        assertSame(first, store.find(42));
        assertEquals(2, store.find(42).getLong(EventView.TIMESTAMP_OFFSET));
    }
}
