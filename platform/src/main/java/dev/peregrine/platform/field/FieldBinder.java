package dev.peregrine.platform.field;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginException;

/** Binds one declared field with its argument, e.g. through a plugin state's {@code bindField}. */
@FunctionalInterface
public interface FieldBinder {
    FieldHandle bind(FieldSpec field, FieldArgument argument) throws PluginException;
}
