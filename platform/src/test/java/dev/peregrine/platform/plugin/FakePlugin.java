package dev.peregrine.platform.plugin;

import dev.peregrine.api.BatchStatus;
import dev.peregrine.api.EventStream;
import dev.peregrine.api.FalcoPlugin;
import dev.peregrine.api.FieldArgument;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.PluginContext;
import dev.peregrine.api.PluginException;
import dev.peregrine.api.PluginInfo;
import dev.peregrine.api.PluginInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A configurable in-memory plugin that records how the host uses it. */
final class FakePlugin implements FalcoPlugin {

    PluginInfo info;
    List<FieldSpec> fields = List.of();
    Set<String> extractSources = Set.of();
    Optional<String> schema = Optional.empty();
    String initFailure;
    RuntimeException infoFailure;
    final List<String> initConfigs = new ArrayList<>();
    final List<String> boundFields = new ArrayList<>();
    final List<String> openedWith = new ArrayList<>();

    static FakePlugin source(String name, int id, String source) {
        FakePlugin p = new FakePlugin();
        p.info = PluginInfo.source(name, "1.2.3", "A source", "nobody", id, source);
        return p;
    }

    static FakePlugin extractor(String name, FieldSpec... fields) {
        FakePlugin p = new FakePlugin();
        p.info = PluginInfo.extractor(name, "0.7.4", "An extractor", "nobody");
        p.fields = List.of(fields);
        return p;
    }

    FakePlugin withFields(FieldSpec... specs) {
        fields = List.of(specs);
        return this;
    }

    FakePlugin withInfo(PluginInfo newInfo) {
        info = newInfo;
        return this;
    }

    @Override
    public PluginInfo info() {
        if (infoFailure != null) {
            throw infoFailure;
        }
        return info;
    }

    @Override
    public List<FieldSpec> fields() {
        return fields;
    }

    @Override
    public Set<String> extractEventSources() {
        return extractSources;
    }

    @Override
    public Optional<String> initSchema() {
        return schema;
    }

    @Override
    public PluginInstance init(PluginContext context, String initConfig) throws PluginException {
        initConfigs.add(initConfig);
        if (initFailure != null) {
            throw new PluginException(initFailure);
        }
        return new PluginInstance() {
            @Override
            public EventStream open(String openParams) {
                openedWith.add(openParams);
                return batch -> BatchStatus.EOF;
            }

            @Override
            public FieldHandle bindField(FieldSpec field, FieldArgument argument) {
                boundFields.add(field.name() + (argument.present() ? "[" + argument.text() + "]" : ""));
                return (event, out) -> {
                    out.addString(argument.text());
                    return true;
                };
            }
        };
    }
}
