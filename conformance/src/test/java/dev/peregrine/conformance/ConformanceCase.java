package dev.peregrine.conformance;

import java.util.List;
import java.util.Map;

/**
 * One entry of {@code cases.yaml}, kept close to the manifest's own shape.
 *
 * @param name    unique case id
 * @param kind    {@code detect}, {@code validate} or {@code cli}
 * @param inputs  the manifest's {@code inputs} map
 * @param expect  the manifest's {@code expect} map
 */
record ConformanceCase(String name, String kind, String group, Map<String, Object> inputs, Map<String, Object> expect) {

    @SuppressWarnings("unchecked")
    static ConformanceCase from(Map<String, Object> raw) {
        return new ConformanceCase(
                (String) raw.get("name"),
                (String) raw.get("kind"),
                (String) raw.getOrDefault("group", ""),
                (Map<String, Object>) raw.getOrDefault("inputs", Map.of()),
                (Map<String, Object>) raw.getOrDefault("expect", Map.of()));
    }

    @SuppressWarnings("unchecked")
    List<String> inputList(String key) {
        Object value = inputs.get(key);
        return value == null ? List.of() : (List<String>) value;
    }

    String input(String key) {
        Object value = inputs.get(key);
        return value == null ? null : value.toString();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> plugins() {
        Object value = inputs.get("plugins");
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> options() {
        Object value = inputs.get("options");
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }
}
