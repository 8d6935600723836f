package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.FieldType;

/** libsinsp's names of parameter types, used verbatim in Falco's error messages. */
final class TypeNames {

    private TypeNames() {
    }

    static String of(FieldType type) {
        return switch (type) {
            case STRING -> "CHARBUF";
            case DYNAMIC -> "DYN";
            default -> type.name();
        };
    }

    /** The type as Falco prints it in field-to-field errors: {@code CHARBUF (list)} for lists. */
    static String of(FieldType type, boolean list) {
        return of(type) + (list ? " (list)" : "");
    }
}
