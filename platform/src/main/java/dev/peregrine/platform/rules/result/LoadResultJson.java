package dev.peregrine.platform.rules.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Renders load results as Falco's JSON validation report ({@code falco_load_results}). */
public final class LoadResultJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LoadResultJson() {
    }

    /** {@code {"falco_load_results": [...]}} for the given results, in order. */
    public static ObjectNode report(List<LoadResult> results) {
        ObjectNode root = NODES.objectNode();
        ArrayNode array = root.putArray("falco_load_results");
        results.forEach(r -> array.add(toJson(r)));
        return root;
    }

    /**
     * One result. Keys are inserted in alphabetical order because Falco's JSON library keeps
     * object keys sorted, so the dumped text matches.
     */
    public static ObjectNode toJson(LoadResult result) {
        ObjectNode node = NODES.objectNode();
        ArrayNode errors = node.putArray("errors");
        // Falco prints the short text as an error's codedesc but the long one for warnings.
        result.errors().forEach(m -> errors.add(message(m, m.code().shortText())));
        node.put("name", result.fileName());
        node.put("successful", result.successful());
        ArrayNode warnings = node.putArray("warnings");
        result.warnings().forEach(m -> warnings.add(message(m, m.code().longText())));
        return node;
    }

    private static JsonNode message(LoadMessage message, String codeDescription) {
        ObjectNode node = NODES.objectNode();
        node.put("code", message.code().name());
        node.put("codedesc", codeDescription);
        ObjectNode context = node.putObject("context");
        ArrayNode locations = context.putArray("locations");
        for (Location l : message.context()) {
            ObjectNode loc = locations.addObject();
            loc.put("item_name", l.itemName());
            loc.put("item_type", l.itemType().label());
            ObjectNode pos = loc.putObject("position");
            pos.put("column", l.column());
            pos.put("line", l.line());
            pos.put("name", l.fileName());
            pos.put("offset", l.offset());
        }
        context.put("snippet", message.snippet());
        node.put("message", message.message());
        return node;
    }
}
