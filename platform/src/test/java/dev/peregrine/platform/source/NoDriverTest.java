package dev.peregrine.platform.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.Event;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NoDriverTest {

    @Test
    void syscallSourceWithoutDriverYieldsNothingAndRunsUntilStopped() throws Exception {
        List<String> logs = new CopyOnWriteArrayList<>();
        AtomicInteger events = new AtomicInteger();
        EventSink sink = new EventSink() {
            @Override
            public void onEvent(String source, Event event) {
                events.incrementAndGet();
            }

            @Override
            public void onEndOfBatch(String source) {
            }
        };
        SourceRunner runner = new SourceRunner(List.of(NoDriver.binding("syscall")), sink,
                (level, message) -> logs.add(message));
        runner.start();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                runner.awaitTermination();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.join(300);
        assertTrue(waiter.isAlive(), "a driverless source must keep running until stopped");
        runner.stop();
        assertEquals(Optional.empty(), runner.awaitTermination());
        assertEquals(0, events.get());
        assertTrue(logs.contains("Opening 'syscall' source with no driver"), logs.toString());
    }
}
