package dev.peregrine.platform.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginInstance;
import dev.peregrine.api.testing.RecordingValueSink;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostFieldsTest {

    // 2021-03-04T05:06:07.000000089Z
    private static final long TS = 1_614_834_367_000_000_089L;

    @Test
    void timesRenderAsLibsinspDoes() {
        assertEquals("05:06:07.000000089", HostFields.clock(TS, ZoneOffset.UTC, true));
        assertEquals("05:06:07", HostFields.clock(TS, ZoneOffset.UTC, false));
        assertEquals("2021-03-04", HostFields.date(TS, ZoneOffset.UTC));
        assertEquals("2021-03-04T05:06:07.000000089+0000", HostFields.iso8601(TS));
    }

    @Test
    void hostFieldsExtractFromTheEventAndTheSource() throws Exception {
        PluginInstance state = new PluginInstance() {
            @Override
            public String eventToString(Event event) {
                return "event #" + event.number();
            }
        };
        FieldProvider provider = HostFields.provider("aws_cloudtrail", "cloudtrail", state, "box");
        PluginFieldCatalog catalog = new PluginFieldCatalog("aws_cloudtrail", List.of(provider), Optional.empty());
        Event first = event(7, TS);
        Event later = event(8, TS + 1_500_000_000L);
        assertEquals(List.of(7L), values(catalog, "evt.num", first));
        assertEquals(List.of("cloudtrail"), values(catalog, "evt.pluginname", first));
        assertEquals(List.of("event #7"), values(catalog, "evt.plugininfo", first));
        assertEquals(List.of("aws_cloudtrail"), values(catalog, "evt.source", first));
        assertEquals(List.of("box"), values(catalog, "evt.hostname", first));
        assertEquals(List.of(false), values(catalog, "evt.is_async", first));
        assertEquals(List.of(TS / 1_000_000_000L), values(catalog, "evt.rawtime.s", first));
        assertEquals(List.of(89L), values(catalog, "evt.rawtime.ns", first));
        assertEquals(List.of(0L), values(catalog, "evt.reltime", first));
        assertEquals(List.of(1_500_000_000L), values(catalog, "evt.reltime", later));
        assertEquals(List.of(1L), values(catalog, "evt.reltime.s", later));
        assertFalse(catalog.resolve("evt.asynctype", null).handle().extract(first, new RecordingValueSink()));
        assertEquals(HostFields.fields().size(), catalog.fields().size());
        for (FieldSpec spec : HostFields.fields()) {
            provider.binder().bind(spec, FieldArgument.none());
        }
    }

    private static List<Object> values(PluginFieldCatalog catalog, String field, Event event) throws Exception {
        RecordingValueSink out = new RecordingValueSink();
        catalog.resolve(field, null).handle().extract(event, out);
        return out.values;
    }

    private static Event event(long number, long ts) {
        return new Event() {
            @Override
            public long number() {
                return number;
            }

            @Override
            public long timestampNanos() {
                return ts;
            }

            @Override
            public int type() {
                return PLUGIN_EVENT_TYPE;
            }
        };
    }
}
