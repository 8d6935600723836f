package dev.peregrine.plugin.k8saudit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The once-a-minute-per-kind log throttle, on a hand-driven clock. */
class ThrottledLogTest {

    private long now = 1_000;
    private final List<String> lines = new ArrayList<>();
    private final ThrottledLog log = new ThrottledLog(lines::add, () -> now);

    @Test
    void oneLinePerKindPerMinuteAndTheNextLineSaysHowManyWereHeldBack() {
        log.warning("a", "first a");
        log.warning("a", "second a");
        log.warning("b", "first b");
        now += TimeUnit.SECONDS.toNanos(59);
        log.warning("a", "third a");
        assertEquals(List.of("first a", "first b"), lines);
        now += TimeUnit.SECONDS.toNanos(2);
        log.warning("a", "fourth a");
        log.warning("a", "fifth a");
        assertEquals(List.of("first a", "first b", "fourth a (2 more like this in the last minute not logged)"), lines);
    }
}
