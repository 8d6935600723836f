package dev.peregrine.platform.boot;

import dev.peregrine.platform.config.ConfigException;
import dev.peregrine.platform.engine.CompiledRule;
import dev.peregrine.platform.engine.Ruleset;
import dev.peregrine.platform.output.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code -L} (every loaded rule) and {@code -l <rule>} (one rule), as text or JSON. */
final class RuleListing {

    private RuleListing() {
    }

    static String render(Ruleset ruleset, Optional<String> only, boolean json) {
        List<CompiledRule> selected = new ArrayList<>();
        for (CompiledRule rule : ruleset.rules()) {
            if (only.isEmpty() || only.get().equals(rule.name())) {
                selected.add(rule);
            }
        }
        if (only.isPresent() && selected.isEmpty()) {
            throw new ConfigException("Rule '" + only.get() + "' not found");
        }
        if (json) {
            List<Object> items = new ArrayList<>();
            for (CompiledRule rule : selected) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("name", rule.name());
                item.put("description", rule.description());
                item.put("priority", rule.priority().printedName());
                item.put("source", rule.source());
                item.put("tags", List.copyOf(rule.tags()));
                item.put("enabled", ruleset.isEnabled(rule));
                item.put("output", rule.outputText());
                items.add(item);
            }
            StringBuilder out = new StringBuilder();
            JsonText.value(out, Map.of("rules", items));
            return out.append('\n').toString();
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-50s %s%n", "Rule", "Description"));
        out.append(String.format("%-50s %s%n", "----", "-----------"));
        for (CompiledRule rule : selected) {
            out.append(String.format("%-50s %s%n", rule.name(), rule.description().strip().replace('\n', ' ')));
        }
        return out.toString();
    }
}
