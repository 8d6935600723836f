package dev.peregrine.platform.plugin;

import dev.peregrine.api.FieldArgumentKind;
import dev.peregrine.api.FieldProperty;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.OpenParamSuggestion;
import dev.peregrine.platform.field.FieldProvider;
import dev.peregrine.platform.field.PluginFieldCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The texts of {@code --list-plugins}, {@code --plugin-info} and {@code --list}, laid out as Falco
 * prints them (falco {@code list_plugins.cpp}, {@code print_plugin_info.cpp}; libsinsp
 * {@code filter_fieldclass_info::as_string}). The CLI prints the returned text as is.
 */
public final class PluginListings {

    private static final int RIGHT_BLOCK = 30;
    private static final int WIDTH = 120;

    private PluginListings() {
    }

    /** {@code --list-plugins}: {@code N Plugins Loaded:} then one block per configured plugin. */
    public static String listPlugins(List<RegisteredPlugin> plugins) {
        StringBuilder blocks = new StringBuilder();
        for (RegisteredPlugin plugin : plugins) {
            blocks.append(pluginBlock(plugin)).append('\n');
        }
        return plugins.size() + " Plugins Loaded:\n\n" + blocks + "\n";
    }

    /** Name, description, contact, version and capabilities of one plugin. */
    public static String pluginBlock(RegisteredPlugin plugin) {
        StringBuilder out = new StringBuilder();
        out.append("Name: ").append(plugin.name()).append('\n');
        out.append("Description: ").append(plugin.info().description()).append('\n');
        out.append("Contact: ").append(plugin.info().contact()).append('\n');
        out.append("Version: ").append(plugin.version()).append('\n');
        out.append("Capabilities: ").append('\n');
        if (plugin.sourcesEvents()) {
            out.append("  - Event Sourcing");
            if (plugin.info().id() != 0) {
                out.append(" (ID=").append(plugin.info().id()).append(", source='")
                        .append(plugin.info().eventSource()).append("')");
            } else {
                out.append(" (system events)");
            }
            out.append('\n');
        }
        if (plugin.extractsFields()) {
            out.append("  - Field Extraction").append('\n');
        }
        return out.toString();
    }

    /**
     * {@code --plugin-info}: the plugin block, its init schema and, for sources, the suggested
     * {@code open_params} (the plugin must have been initialised to know them).
     */
    public static String pluginInfo(RegisteredPlugin plugin, List<OpenParamSuggestion> suggestions) {
        StringBuilder out = new StringBuilder(pluginBlock(plugin)).append('\n');
        out.append("Init config schema type: ");
        Optional<String> schema = plugin.initSchema();
        out.append(schema.isPresent() ? "JSON"
                : "Not available, plugin does not implement the init config schema functionality").append('\n');
        out.append(schema.orElse("")).append('\n').append('\n');
        if (plugin.sourcesEvents()) {
            if (suggestions.isEmpty()) {
                out.append("No suggested open params available: plugin has not been configured, or it does not "
                        + "implement the open params suggestion functionality").append('\n');
            } else {
                out.append("Suggested open params:").append('\n');
                for (OpenParamSuggestion s : suggestions) {
                    out.append(s.value());
                    if (s.description() != null && !s.description().isEmpty()) {
                        out.append(": ").append(s.description());
                    }
                    out.append('\n');
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * {@code --list [source]}: every field class of the selected sources once, with the sources it
     * serves; hidden, print-only and deprecated fields are left out.
     *
     * @param source    one source, or null/empty for all
     * @param verbose   adds {@code (Type: X)} to descriptions
     * @param namesOnly prints field names only
     */
    public static String listFields(Map<String, PluginFieldCatalog> catalogs, String source, boolean verbose,
                                    boolean namesOnly) {
        boolean all = source == null || source.isEmpty();
        Map<String, Set<String>> sourcesOfClass = new LinkedHashMap<>();
        Map<String, FieldProvider> classes = new LinkedHashMap<>();
        for (PluginFieldCatalog catalog : catalogs.values()) {
            if (!all && !catalog.source().equals(source)) {
                continue;
            }
            for (FieldProvider provider : catalog.providers()) {
                sourcesOfClass.computeIfAbsent(provider.className(), k -> new TreeSet<>()).add(catalog.source());
                classes.putIfAbsent(provider.className(), provider);
            }
        }
        StringBuilder out = new StringBuilder();
        for (FieldProvider provider : classes.values()) {
            if (namesOnly) {
                for (FieldSpec field : listed(provider.fields())) {
                    out.append(field.name()).append('\n');
                }
            } else {
                out.append(fieldClass(provider, sourcesOfClass.get(provider.className()), verbose)).append('\n');
            }
        }
        return out.toString();
    }

    private static List<FieldSpec> listed(List<FieldSpec> fields) {
        List<FieldSpec> shown = new ArrayList<>();
        for (FieldSpec field : fields) {
            if (!field.has(FieldProperty.HIDDEN) && !field.has(FieldProperty.PRINT_ONLY)
                    && !field.has(FieldProperty.DEPRECATED)) {
                shown.add(field);
            }
        }
        return shown;
    }

    private static String fieldClass(FieldProvider provider, Set<String> sources, boolean verbose) {
        List<FieldSpec> shown = listed(provider.fields());
        if (shown.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("-------------------------------\n");
        out.append(pad("Field Class:")).append(provider.className()).append('\n');
        if (!sources.isEmpty()) {
            out.append(pad("Event Sources:"));
            for (String s : sources) {
                out.append(s).append(' ');
            }
            out.append('\n');
        }
        out.append('\n');
        for (FieldSpec field : shown) {
            if (field.name().length() > RIGHT_BLOCK) {
                out.append(field.name()).append('\n').append(pad(" "));
            } else {
                out.append(pad(field.name()));
            }
            String description = field.description();
            Set<String> tags = tags(field);
            if (!tags.isEmpty()) {
                description = "(" + String.join(",", tags) + ") " + description;
            }
            if (verbose) {
                description = "(Type: " + typeName(field.type()) + ") " + description;
            }
            wrap(description, out);
            out.append('\n');
        }
        return out.toString();
    }

    private static Set<String> tags(FieldSpec field) {
        Set<String> tags = new TreeSet<>();
        if (field.has(FieldProperty.FILTER_ONLY)) {
            tags.add("FILTER_ONLY");
        }
        if (field.argumentRequired()) {
            tags.add("ARG_REQUIRED");
        } else if (field.argument() != FieldArgumentKind.NONE) {
            tags.add("ARG_ALLOWED");
        }
        if (field.list()) {
            tags.add("EPF_IS_LIST");
        }
        return tags;
    }

    /** libsinsp's parameter type names. */
    static String typeName(FieldType type) {
        return switch (type) {
            case STRING -> "CHARBUF";
            case IPV4NET -> "IPV4NET";
            default -> type.name();
        };
    }

    private static String pad(String text) {
        return text.length() >= RIGHT_BLOCK ? text : text + " ".repeat(RIGHT_BLOCK - text.length());
    }

    // Words each followed by a blank, wrapped at the right block's width with an indented new line.
    private static void wrap(String text, StringBuilder out) {
        int length = 0;
        for (String word : text.trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int wordLength = word.length() + 1;
            if (length + wordLength <= WIDTH - RIGHT_BLOCK) {
                length += wordLength;
            } else {
                out.append('\n').append(pad(" "));
                length = wordLength;
            }
            out.append(word).append(' ');
        }
    }
}
