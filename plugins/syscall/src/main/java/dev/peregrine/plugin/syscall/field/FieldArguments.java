package dev.peregrine.plugin.syscall.field;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldArgumentKind;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginException;
import java.util.List;

/** Checks that a field reference names one of a plugin's fields with an acceptable argument. */
public final class FieldArguments {

    private FieldArguments() {
    }

    /**
     * Fails unless {@code field} is declared in {@code declared} and {@code argument} fits its
     * argument form (required, forbidden, numeric index).
     */
    public static void check(List<FieldSpec> declared, FieldSpec field, FieldArgument argument)
            throws PluginException {
        boolean known = declared.stream().anyMatch(f -> f.name().equals(field.name()));
        if (!known) {
            throw new PluginException("field " + field.name() + " is not provided by this plugin");
        }
        FieldArgumentKind kind = field.argument();
        if (argument.present() && kind == FieldArgumentKind.NONE) {
            throw new PluginException("field " + field.name() + " does not accept an argument");
        }
        if (!argument.present() || argument.text().isEmpty()) {
            if (field.argumentRequired()) {
                throw new PluginException("field " + field.name() + " requires an argument");
            }
            return;
        }
        if (kind == FieldArgumentKind.INDEX && !argument.isIndex()) {
            throw new PluginException("field " + field.name() + " needs a numeric index argument, got '"
                    + argument.text() + "'");
        }
    }
}
