package dev.peregrine.platform.field;

import dev.peregrine.api.FieldSpec;
import java.util.List;

/**
 * One extractor attached to a source: a plugin state, or the host's own {@code evt.*} fields.
 * Listings show it as one field class.
 *
 * @param name        plugin name, or {@code host}
 * @param className   the field class title in {@code --list}
 * @param fields      declared fields, in order
 * @param binder      binds a field for extraction
 */
public record FieldProvider(String name, String className, List<FieldSpec> fields, FieldBinder binder) {
    public FieldProvider {
        fields = List.copyOf(fields);
    }
}
