package dev.peregrine.platform.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/**
 * Validates {@code init_config} against a plugin's JSON schema, with the subset of JSON Schema that
 * plugin schemas use ({@code type}, {@code properties}, {@code required},
 * {@code additionalProperties}, {@code enum}, {@code minimum}/{@code maximum} and their exclusive
 * forms, {@code minLength}/{@code maxLength}, {@code items}). Reports the first (innermost) error
 * the way libsinsp words it: {@code error in plugin <n> init config: In <root>[a][b], <what>}.
 */
final class InitConfigSchema {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InitConfigSchema() {
    }

    /**
     * The configuration string the plugin receives: empty becomes {@code {}} when a schema exists.
     *
     * @throws PluginLoadException when the config is not JSON or violates the schema
     */
    static String check(String pluginName, String schemaText, String initConfig) throws PluginLoadException {
        String config = initConfig.isBlank() ? "{}" : initConfig;
        JsonNode schema;
        try {
            schema = JSON.readTree(schemaText);
        } catch (JsonProcessingException e) {
            throw new PluginLoadException("error in plugin " + pluginName + ": get_init_schema returned an invalid JSON");
        }
        JsonNode value;
        try {
            value = JSON.readTree(config);
        } catch (JsonProcessingException e) {
            value = null;
        }
        if (value == null || value.isMissingNode()) {
            throw new PluginLoadException("error in plugin " + pluginName + ": init config is not a valid json");
        }
        Optional<String> error = firstError(schema, value, "<root>");
        if (error.isPresent()) {
            throw new PluginLoadException("error in plugin " + pluginName + " init config: In " + error.get());
        }
        return config;
    }

    /** {@code "<context>, <description>"} of the first violation, or empty. */
    static Optional<String> firstError(JsonNode schema, JsonNode value, String context) {
        if (schema == null || !schema.isObject()) {
            return Optional.empty();
        }
        JsonNode type = schema.get("type");
        if (type != null && !typeMatches(type, value)) {
            return error(context, "Value type not permitted by 'type' constraint.");
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray()) {
            boolean found = false;
            for (JsonNode candidate : allowed) {
                if (candidate.equals(value) || (candidate.isNumber() && value.isNumber()
                        && candidate.decimalValue().compareTo(value.decimalValue()) == 0)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return error(context, "Failed to match against any enum values.");
            }
        }
        if (value.isNumber()) {
            Optional<String> range = rangeError(schema, value, context);
            if (range.isPresent()) {
                return range;
            }
        }
        if (value.isTextual()) {
            int length = value.textValue().codePointCount(0, value.textValue().length());
            JsonNode min = schema.get("minLength");
            if (min != null && min.canConvertToInt() && length < min.intValue()) {
                return error(context, "String should be no fewer than " + min.intValue() + " characters in length.");
            }
            JsonNode max = schema.get("maxLength");
            if (max != null && max.canConvertToInt() && length > max.intValue()) {
                return error(context, "String should be no more than " + max.intValue() + " characters in length.");
            }
        }
        if (value.isObject()) {
            return objectError(schema, value, context);
        }
        if (value.isArray()) {
            JsonNode items = schema.get("items");
            if (items != null && items.isObject()) {
                for (int i = 0; i < value.size(); i++) {
                    Optional<String> inner = firstError(items, value.get(i), context + "[" + i + "]");
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> objectError(JsonNode schema, JsonNode value, String context) {
        JsonNode properties = schema.get("properties");
        JsonNode required = schema.get("required");
        if (required != null && required.isArray()) {
            for (JsonNode name : required) {
                if (!value.has(name.asText())) {
                    return error(context, "Missing required property '" + name.asText() + "'.");
                }
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            JsonNode propertySchema = properties == null ? null : properties.get(entry.getKey());
            String inner = context + "[" + entry.getKey() + "]";
            if (propertySchema != null) {
                Optional<String> nested = firstError(propertySchema, entry.getValue(), inner);
                if (nested.isPresent()) {
                    return nested;
                }
            } else if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
                return error(context, "Object contains a property that could not be validated using 'properties' "
                        + "or 'additionalProperties' constraints: '" + entry.getKey() + "'.");
            } else if (additional != null && additional.isObject()) {
                Optional<String> nested = firstError(additional, entry.getValue(), inner);
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> rangeError(JsonNode schema, JsonNode value, String context) {
        JsonNode minimum = schema.get("minimum");
        if (minimum != null && minimum.isNumber()) {
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            int c = value.decimalValue().compareTo(minimum.decimalValue());
            if (exclusive ? c <= 0 : c < 0) {
                return error(context, "Expected number " + (exclusive ? "greater than " : "greater than or equal to ")
                        + minimum.asText());
            }
        }
        JsonNode maximum = schema.get("maximum");
        if (maximum != null && maximum.isNumber()) {
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
            int c = value.decimalValue().compareTo(maximum.decimalValue());
            if (exclusive ? c >= 0 : c > 0) {
                return error(context, "Expected number " + (exclusive ? "less than " : "less than or equal to ")
                        + maximum.asText());
            }
        }
        return Optional.empty();
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber()
                    || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            default -> true;
        };
    }

    private static Optional<String> error(String context, String description) {
        return Optional.of(context + ", " + description);
    }
}
