package dev.peregrine.plugin.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldArgumentKind;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.PluginException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Identity and field table of the json plugin (fields-json.tsv). */
class JsonPluginTest {

    private final JsonPlugin plugin = new JsonPlugin();

    @Test
    void isTheExtractOnlyJsonPluginVersion074ForEverySource() {
        assertEquals("json", plugin.info().name());
        assertEquals("0.7.4", plugin.info().version());
        assertFalse(plugin.info().sourcesEvents());
        assertTrue(plugin.extractEventSources().isEmpty());
        assertTrue(plugin.eventTypes().isEmpty());
        assertTrue(plugin.initSchema().isEmpty());
    }

    @Test
    void declaresTheSixStringFieldsInUpstreamOrder() {
        List<String> names = plugin.fields().stream().map(FieldSpec::name).toList();
        assertEquals(List.of("json.value", "json.obj", "json.rawtime", "jevt.value", "jevt.obj", "jevt.rawtime"), names);
        assertTrue(plugin.fields().stream().allMatch(f -> f.type() == FieldType.STRING && !f.list()));
    }

    @Test
    void valueFieldsRequireAKeyAndTheOthersTakeNone() {
        for (FieldSpec field : plugin.fields()) {
            boolean isValue = field.name().endsWith(".value");
            assertEquals(isValue ? FieldArgumentKind.KEY : FieldArgumentKind.NONE, field.argument(), field.name());
            assertEquals(isValue, field.argumentRequired(), field.name());
        }
    }

    @Test
    void anyInitConfigIsAccepted() {
        plugin.init(null, "{\"useAsync\": false}");
        plugin.init(null, "not json at all");
        plugin.init(null, "");
    }

    @Test
    void bindingAForeignFieldFails() {
        FieldSpec foreign = FieldSpec.of("ct.user", FieldType.STRING, "not ours");
        PluginException error = assertThrows(PluginException.class,
                () -> plugin.init(null, "").bindField(foreign, FieldArgument.none()));
        assertEquals("field ct.user is not provided by the json plugin", error.getMessage());
    }
}
