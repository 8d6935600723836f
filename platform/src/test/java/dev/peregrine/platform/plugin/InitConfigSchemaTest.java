package dev.peregrine.platform.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InitConfigSchemaTest {

    private static final String SCHEMA = """
            {"type":"object","additionalProperties":false,"required":["region"],
             "properties":{
               "region":{"type":"string","enum":["eu","us"]},
               "maxEventSize":{"type":"integer","minimum":1,"maximum":1000},
               "name":{"type":"string","minLength":2},
               "tags":{"type":"array","items":{"type":"string"}},
               "nested":{"type":"object","properties":{"on":{"type":"boolean"}}}}}
            """;

    private static String error(String config) {
        return assertThrows(PluginLoadException.class, () -> InitConfigSchema.check("p", SCHEMA, config)).getMessage();
    }

    @Test
    void validConfigPassesUnchanged() throws Exception {
        String config = "{\"region\":\"eu\",\"maxEventSize\":10,\"tags\":[\"a\"],\"nested\":{\"on\":true}}";
        assertEquals(config, InitConfigSchema.check("p", SCHEMA, config));
    }

    @Test
    void emptyConfigIsValidatedAsAnEmptyObject() {
        assertEquals("error in plugin p init config: In <root>, Missing required property 'region'.", error(""));
    }

    @Test
    void eachConstraintReportsWhereAndWhat() {
        String prefix = "error in plugin p init config: In ";
        assertEquals(prefix + "<root>[region], Failed to match against any enum values.", error("{\"region\":\"asia\"}"));
        assertEquals(prefix + "<root>[maxEventSize], Value type not permitted by 'type' constraint.",
                error("{\"region\":\"eu\",\"maxEventSize\":\"10\"}"));
        assertEquals(prefix + "<root>[maxEventSize], Expected number less than or equal to 1000",
                error("{\"region\":\"eu\",\"maxEventSize\":1001}"));
        assertEquals(prefix + "<root>[maxEventSize], Expected number greater than or equal to 1",
                error("{\"region\":\"eu\",\"maxEventSize\":0}"));
        assertEquals(prefix + "<root>[name], String should be no fewer than 2 characters in length.",
                error("{\"region\":\"eu\",\"name\":\"x\"}"));
        assertEquals(prefix + "<root>[tags][1], Value type not permitted by 'type' constraint.",
                error("{\"region\":\"eu\",\"tags\":[\"a\",3]}"));
        assertEquals(prefix + "<root>[nested][on], Value type not permitted by 'type' constraint.",
                error("{\"region\":\"eu\",\"nested\":{\"on\":1}}"));
        assertEquals(prefix + "<root>, Object contains a property that could not be validated using 'properties' or "
                + "'additionalProperties' constraints: 'extra'.", error("{\"region\":\"eu\",\"extra\":1}"));
    }

    @Test
    void nonJsonConfigIsRefused() {
        assertEquals("error in plugin p: init config is not a valid json", error("region: eu"));
    }
}
