package dev.peregrine.platform.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.platform.engine.Priority;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    @Test
    void summaryListsNonZeroSeveritiesMostSevereFirstAndRulesInLoadOrder() {
        RunSummary summary = new RunSummary();
        summary.record("b", Priority.INFORMATIONAL);
        for (int i = 0; i < 8; i++) {
            summary.record("open_from_cat", Priority.WARNING);
        }
        summary.record("c", Priority.CRITICAL);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        summary.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of("open_from_cat", "a", "b", "c"));
        assertEquals("""
                Events detected: 10
                Rule counts by severity:
                   CRITICAL: 1
                   WARNING: 8
                   INFO: 1
                Triggered rules by rule name:
                   open_from_cat: 8
                   b: 1
                   c: 1
                """, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void emptyRunPrintsZeroAndNoRules() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new RunSummary().print(new PrintStream(bytes, true, StandardCharsets.UTF_8), List.of("x"));
        assertEquals("Events detected: 0\nRule counts by severity:\nTriggered rules by rule name:\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
