package dev.peregrine.plugin.json;

import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginContext;
import dev.peregrine.api.PluginInfo;
import dev.peregrine.api.PluginInstance;
import java.util.List;
import org.pf4j.Extension;

/**
 * The {@code json} extractor ({@code json.*} and the legacy {@code jevt.*} names): reads values
 * out of JSON payloads of plugin events of every source.
 */
@Extension
public final class JsonPlugin implements FalcoPlugin {

    /** Plugin name. */
    public static final String NAME = "json";

    private final PluginInfo info = PluginInfo.extractor(NAME, "0.7.4",
            "Extracts values from JSON event payloads by JSON pointer", "https://peregrine.dev");

    @Override
    public PluginInfo info() {
        return info;
    }

    @Override
    public List<FieldSpec> fields() {
        return JsonFields.ALL;
    }

    /** The configuration ({@code useAsync}) only tunes the upstream Go runtime; it is ignored. */
    @Override
    public PluginInstance init(PluginContext context, String initConfig) {
        return new JsonPluginInstance();
    }
}
