package dev.peregrine.plugin.syscall.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primitive-keyed map behind the thread and fd tables, checked against HashMap. */
class LongMapTest {

    @Test
    void randomPutsAndRemovesAgreeWithAHashMap() {
        LongMap<String> map = new LongMap<>(4);
        Map<Long, String> reference = new HashMap<>();
        Random random = new Random(42);
        for (int step = 0; step < 200_000; step++) {
            long key = random.nextInt(2_000) - 100;
            if (random.nextInt(3) == 0) {
                assertEquals(reference.remove(key), map.remove(key), "remove " + key);
            } else {
                String value = "v" + step;
                reference.put(key, value);
                map.put(key, value);
            }
            if (step % 1000 == 0) {
                assertEquals(reference.size(), map.size());
                for (long k = -100; k < 1_900; k++) {
                    assertEquals(reference.get(k), map.get(k), "get " + k);
                }
            }
        }
        assertEquals(reference.size(), map.values().size());
        assertEquals(reference.values().stream().sorted().toList(), map.values().stream().sorted().toList());
    }

    @Test
    void copiesAreIndependent() {
        LongMap<String> map = new LongMap<>();
        map.put(7, "a");
        LongMap<String> copy = map.copy();
        copy.remove(7);
        assertEquals("a", map.get(7));
        assertNull(copy.get(7));
    }
}
