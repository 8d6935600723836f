package dev.peregrine.api;

import java.util.Objects;
import java.util.Set;

/**
 * Declaration of one extractable field.
 *
 * @param name             dotted name, e.g. {@code ct.user}
 * @param type             value type
 * @param list             true when extraction yields 0..n values
 * @param argument         which {@code [arg]} forms are accepted
 * @param argumentRequired true when the argument must be given
 * @param displayName      short human name (may be empty)
 * @param description      one-line description, required
 * @param properties       display properties
 * @param suggestedOutput  true when the field is suggested for automatic output appending
 */
public record FieldSpec(
        String name,
        FieldType type,
        boolean list,
        FieldArgumentKind argument,
        boolean argumentRequired,
        String displayName,
        String description,
        Set<FieldProperty> properties,
        boolean suggestedOutput) {

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(argument, "argument");
        displayName = displayName == null ? "" : displayName;
        description = description == null ? "" : description;
        properties = properties == null ? Set.of() : Set.copyOf(properties);
        if (argumentRequired && argument == FieldArgumentKind.NONE) {
            throw new IllegalArgumentException("field " + name + " requires an argument but accepts none");
        }
    }

    /** A scalar field without argument. */
    public static FieldSpec of(String name, FieldType type, String description) {
        return new FieldSpec(name, type, false, FieldArgumentKind.NONE, false, "", description, Set.of(), false);
    }

    /** A copy with the given argument form. */
    public FieldSpec withArgument(FieldArgumentKind kind, boolean required) {
        return new FieldSpec(name, type, list, kind, required, displayName, description, properties, suggestedOutput);
    }

    /** A copy with the given value type (a {@link FieldType#DYNAMIC} field once its argument is known). */
    public FieldSpec withType(FieldType newType) {
        return new FieldSpec(name, newType, list, argument, argumentRequired, displayName, description, properties,
                suggestedOutput);
    }

    /** A list-valued copy. */
    public FieldSpec asList() {
        return new FieldSpec(name, type, true, argument, argumentRequired, displayName, description, properties, suggestedOutput);
    }

    /** A copy with the given properties. */
    public FieldSpec withProperties(Set<FieldProperty> props) {
        return new FieldSpec(name, type, list, argument, argumentRequired, displayName, description, props, suggestedOutput);
    }

    /** A copy flagged (or not) as suggested for automatic output appending. */
    public FieldSpec withSuggestedOutput(boolean suggested) {
        return new FieldSpec(name, type, list, argument, argumentRequired, displayName, description, properties, suggested);
    }

    public boolean has(FieldProperty property) {
        return properties.contains(property);
    }
}
