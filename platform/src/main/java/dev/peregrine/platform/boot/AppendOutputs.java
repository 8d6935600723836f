package dev.peregrine.platform.boot;

import dev.peregrine.api.FieldSpec;
import dev.peregrine.platform.config.PeregrineConfig;
import dev.peregrine.platform.engine.AppendOutput;
import dev.peregrine.platform.field.FieldCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns falco.yaml {@code append_output} items into the engine's entries, in Falco's order per item: the
 * extra output text, then the suggested fields of each matching loaded source, then the extra fields.
 */
final class AppendOutputs {

    private AppendOutputs() {
    }

    static List<AppendOutput> forEngine(PeregrineConfig config, Map<String, FieldCatalog> catalogs) {
        List<AppendOutput> out = new ArrayList<>();
        for (PeregrineConfig.AppendOutput item : config.appendOutput()) {
            Set<String> tags = new HashSet<>(item.tags());
            if (item.extraOutput() != null && !item.extraOutput().isEmpty()) {
                out.add(new AppendOutput(item.source(), tags, item.rule(), item.extraOutput(), Map.of()));
            }
            if (item.suggestedOutput()) {
                catalogs.forEach((source, catalog) -> {
                    if (item.source() == null || item.source().equals(source)) {
                        String suggested = suggested(catalog, config.staticFields());
                        if (!suggested.isEmpty()) {
                            out.add(new AppendOutput(source, tags, item.rule(), suggested, Map.of()));
                        }
                    }
                });
            }
            Map<String, String> extra = new LinkedHashMap<>();
            for (PeregrineConfig.ExtraField f : item.extraFields()) {
                // a raw field keeps its JSON type: the engine compiles it as a bare %field
                extra.put(f.name(), f.format() == null ? "%" + f.name() : f.format());
            }
            if (!extra.isEmpty()) {
                out.add(new AppendOutput(item.source(), tags, item.rule(), null, extra));
            }
        }
        return out;
    }

    /** {@code <name with . → _>=%<name>} for each suggested field, then {@code static_<key>=<value>}. */
    private static String suggested(FieldCatalog catalog, Map<String, String> staticFields) {
        Set<String> parts = new LinkedHashSet<>();
        for (FieldSpec field : catalog.fields()) {
            if (field.suggestedOutput()) {
                parts.add(field.name().replace('.', '_') + "=%" + field.name());
            }
        }
        staticFields.forEach((k, v) -> parts.add("static_" + k.replace('.', '_') + "=" + v));
        return String.join(" ", parts);
    }
}
