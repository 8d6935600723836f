package dev.peregrine.platform.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.ValueSink;
import dev.peregrine.api.testing.TestEvent;
import dev.peregrine.platform.condition.eval.ValueBuffer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GuardedFieldHandleTest {

    private static final Event EVENT = TestEvent.plugin(1, "{}");

    @Test
    void pluginThatThrowsWhileExtractingMakesTheFieldAbsentAndIsCountedWithItsName() throws Exception {
        FieldSpec good = FieldSpec.of("test.good", FieldType.UINT64, "works");
        FieldSpec bad = FieldSpec.of("test.bad", FieldType.UINT64, "throws");
        FieldProvider provider = new FieldProvider("flaky", "flaky (plugin)", List.of(good, bad),
                (spec, argument) -> spec.name().equals("test.good")
                        ? (Event e, ValueSink out) -> { out.addLong(7); return true; }
                        : (Event e, ValueSink out) -> { throw new IllegalStateException("decoder broke"); });
        PluginFieldCatalog catalog = new PluginFieldCatalog("test", List.of(provider), Optional.empty());
        ValueBuffer values = new ValueBuffer();

        assertFalse(catalog.resolve("test.bad", null).handle().extract(EVENT, values));
        assertFalse(catalog.resolve("test.bad", null).handle().extract(EVENT, values));
        assertTrue(catalog.resolve("test.good", null).handle().extract(EVENT, values));

        List<ExtractionFailure> failures = catalog.extractionFailures();
        assertEquals(List.of(new ExtractionFailure("flaky", "test.bad", 2, "decoder broke")), failures);
        assertEquals("Plugin 'flaky' failed to extract field 'test.bad' 2 times (treated as absent); first error: "
                + "decoder broke", failures.get(0).describe());
    }

    @Test
    void aWorkerCopyBindsItsOwnHandlesAndItsFailuresAreReportedWithTheOriginals() throws Exception {
        FieldSpec bad = FieldSpec.of("test.bad", FieldType.UINT64, "throws");
        java.util.concurrent.atomic.AtomicInteger binds = new java.util.concurrent.atomic.AtomicInteger();
        FieldProvider provider = new FieldProvider("flaky", "flaky (plugin)", List.of(bad), (spec, argument) -> {
            binds.incrementAndGet();
            return (Event e, ValueSink out) -> { throw new IllegalStateException("decoder broke"); };
        });
        PluginFieldCatalog catalog = new PluginFieldCatalog("test", List.of(provider), Optional.empty());
        PluginFieldCatalog worker = catalog.forWorker();
        ValueBuffer values = new ValueBuffer();

        var original = catalog.resolve("test.bad", null).handle();
        var copy = worker.resolve("test.bad", null).handle();
        assertTrue(original != copy, "the worker has a handle of its own");
        assertEquals(2, binds.get(), "the plugin bound the field once per catalogue");
        assertTrue(worker.resolve("test.bad", null).handle() == copy, "and the worker caches its binding");
        assertFalse(original.extract(EVENT, values));
        assertFalse(copy.extract(EVENT, values));
        assertFalse(copy.extract(EVENT, values));

        assertEquals(List.of(new ExtractionFailure("flaky", "test.bad", 3, "decoder broke")),
                catalog.extractionFailures());
    }
}
