package dev.peregrine.plugin.syscall.field;

import static dev.peregrine.plugin.syscall.state.SyntheticEvents.i64;
import static dev.peregrine.plugin.syscall.state.SyntheticEvents.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginException;
import dev.peregrine.plugin.syscall.SyscallPlugin;
import dev.peregrine.plugin.syscall.event.EventTable;
import dev.peregrine.plugin.syscall.event.EventView;
import dev.peregrine.plugin.syscall.state.SyntheticEvents;
import dev.peregrine.plugin.syscall.state.SyscallEvent;
import dev.peregrine.plugin.syscall.state.SyscallState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code evt.infra.docker.*} on legacy infrastructure events: items of the description parameter, as
 * libsinsp reads them (sinsp_filtercheck_event.cpp).
 */
class InfrastructureEventFieldsTest {

    private final SyntheticEvents events = new SyntheticEvents();
    private final SyscallState state = new SyscallState(EventTable.standard(), null);
    private final SyscallFields fields = new SyscallFields();
    private final List<FieldSpec> specs = new SyscallPlugin().fields();

    private String value(String name, EventView e) throws PluginException {
        FieldSpec spec = specs.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
        FieldHandle handle = fields.bind(spec, FieldArgument.none());
        if (state.event() != e) {
            state.apply(e);
        }
        TextSink sink = new TextSink();
        return sink.text(handle.extract(new SyscallEvent(state).wrap(e), sink));
    }

    private EventView infrastructure(String description) {
        return events.event("PPME_INFRASTRUCTURE_EVENT_E", 0, 1, str("docker"), str("container"),
                str(description), str("host.mac=00:11:22:33:44:55"));
    }

    @Test
    void dockerItemsOfTheDescriptionGiveTheFourFields() throws PluginException {
        EventView e = infrastructure("Event: start; ID: 3ad7b26ded6d8e7b23da7d48fe889434; name: web ; "
                + "Image: nginx@sha256:0123abcd");
        assertEquals("start", value("evt.infra.docker.name", e));
        assertEquals("3ad7b26ded6d", value("evt.infra.docker.container.id", e), "cut to 12 characters");
        assertEquals("web", value("evt.infra.docker.container.name", e));
        assertEquals("nginx", value("evt.infra.docker.container.image", e), "the digest is dropped");
    }

    @Test
    void imageKeepsOnlyTheTextBeforeATagButABareDigestWhole() throws PluginException {
        assertEquals("nginx", value("evt.infra.docker.container.image", infrastructure("Image: nginx:1.25")),
                "libsinsp takes the part between the first two colons");
        assertEquals("sha256:0123abcd", value("evt.infra.docker.container.image",
                infrastructure("Event: pull; Image: sha256:0123abcd")));
        assertEquals("short", value("evt.infra.docker.container.id", infrastructure("ID: short")));
    }

    @Test
    void missingItemsAndOtherEventsHaveNoValue() throws PluginException {
        EventView e = infrastructure("Event: die");
        assertEquals("die", value("evt.infra.docker.name", e));
        assertEquals("\\N", value("evt.infra.docker.container.name", e));
        assertEquals("\\N", value("evt.infra.docker.container.id", infrastructure("ID:")), "no value part");
        assertEquals("\\N", value("evt.infra.docker.name", infrastructure("")));
        EventView close = events.event("PPME_SYSCALL_CLOSE_X", 7, 2, i64(0), i64(5));
        assertEquals("\\N", value("evt.infra.docker.name", close));
        assertEquals("\\N", value("evt.infra.docker.container.image", close));
    }
}
