package dev.peregrine.platform.rules.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.peregrine.platform.rules.testing.Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Summary text and JSON report of load results (§6.5). */
class LoadResultTest {

    @Test
    void summaryListsCodesWithShortTexts() {
        assertEquals("a.yaml: Ok", Fixture.loader().load("a.yaml", "").summary());
        LoadResult warned = Fixture.load("- foo: 1\n- list: l\n  items: []\n");
        assertEquals("rules.yaml: Ok, with warnings\n 2 warnings: [LOAD_UNKNOWN_ITEM (Unknown rules file item)"
                + " LOAD_UNUSED_LIST (Unused list)]", warned.summary());
        LoadResult failed = Fixture.load("- list: x\n");
        assertEquals("rules.yaml: Invalid\n 1 errors: [LOAD_ERR_YAML_VALIDATE (Error validating internal"
                + " structure of YAML file)]", failed.summary());
    }

    @Test
    void jsonReportHasLocationsSnippetsAndCodeDescriptions() {
        LoadResult failed = Fixture.load("- list: bad_list\n  foo: 1\n");
        JsonNode root = LoadResultJson.report(List.of(failed));
        JsonNode result = root.get("falco_load_results").get(0);
        assertEquals("rules.yaml", result.get("name").asText());
        assertEquals(false, result.get("successful").asBoolean());
        JsonNode error = result.get("errors").get(0);
        assertEquals("LOAD_ERR_YAML_VALIDATE", error.get("code").asText());
        assertEquals("Error validating internal structure of YAML file", error.get("codedesc").asText());
        assertEquals("Item has no mapping for key 'items'", error.get("message").asText());
        JsonNode locations = error.get("context").get("locations");
        assertEquals("rules content", locations.get(0).get("item_type").asText());
        assertEquals("list", locations.get(1).get("item_type").asText());
        assertEquals("bad_list", locations.get(1).get("item_name").asText());
        JsonNode position = locations.get(1).get("position");
        assertEquals("rules.yaml", position.get("name").asText());
        assertEquals(0, position.get("line").asInt());
        assertEquals(2, position.get("column").asInt());
        assertEquals(2, position.get("offset").asInt());
        assertEquals("- list: bad_list\n  ^\n", error.get("context").get("snippet").asText());
        JsonNode warning = result.get("warnings").get(0);
        assertEquals("LOAD_UNKNOWN_KEY", warning.get("code").asText());
        assertEquals(LoadCode.LOAD_UNKNOWN_KEY.longText(), warning.get("codedesc").asText());
    }

    @Test
    void verboseTextShowsLocationsSnippetsAndMessages() {
        LoadResult failed = Fixture.load("- list: bad_list\n");
        assertEquals("""
                rules.yaml: Invalid
                1 Errors:
                In rules content: (rules.yaml:0:0)
                    list 'bad_list': (rules.yaml:0:2)
                ------
                - list: bad_list
                  ^
                ------
                LOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file): Item has no mapping for\
                 key 'items'
                """, failed.verboseText());
    }

    @Test
    void jsonKeysAreSortedLikeFalcosJsonLibrary() {
        String text = LoadResultJson.report(List.of(Fixture.load("- foo: 1\n"))).toString();
        assertEquals("{\"falco_load_results\":[{\"errors\":[],\"name\":\"rules.yaml\",\"successful\":true,"
                + "\"warnings\":[{\"code\":\"LOAD_UNKNOWN_ITEM\",\"codedesc\":\"An unknown top-level object is in the"
                + " rules content. It will be ignored.\",\"context\":{\"locations\":[{\"item_name\":\"\","
                + "\"item_type\":\"rules content\",\"position\":{\"column\":0,\"line\":0,\"name\":\"rules.yaml\","
                + "\"offset\":0}},{\"item_name\":\"\",\"item_type\":\"rules content item\",\"position\":{\"column\":2,"
                + "\"line\":0,\"name\":\"rules.yaml\",\"offset\":2}}],\"snippet\":\"- foo: 1\\n  ^\\n\"},"
                + "\"message\":\"Unknown top level item\"}]}]}", text);
    }
}
