package dev.peregrine.platform.field;

import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;

/**
 * A field reference bound to its extractor.
 *
 * @param text     the reference as written ({@code proc.aname[2]}), used as the JSON output key
 * @param spec     the declared field
 * @param argument the argument handed to the extractor
 * @param handle   extracts the value per event
 * @param provider name of the plugin (or {@code host}) that extracts it
 */
public record ResolvedField(String text, FieldSpec spec, FieldArgument argument, FieldHandle handle, String provider) {
}
