package dev.peregrine.platform.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.platform.config.ConfigLoader;
import dev.peregrine.platform.config.PeregrineConfig;
import dev.peregrine.platform.engine.AppendOutput;
import dev.peregrine.platform.field.FieldCatalog;
import dev.peregrine.platform.rules.testing.TestCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendOutputsTest {

    @TempDir
    Path dir;

    private PeregrineConfig config(String yaml, String... options) throws IOException {
        Path file = dir.resolve("falco.yaml");
        Files.writeString(file, "stdout_output:\n  enabled: true\n" + yaml);
        return new ConfigLoader(Map.<String, String>of()::get).load(file, List.of(options)).config();
    }

    private static Map<String, FieldCatalog> catalogs() {
        Map<String, FieldCatalog> catalogs = new LinkedHashMap<>();
        catalogs.put("syscall", new TestCatalog("syscall", List.of(
                FieldSpec.of("proc.name", FieldType.STRING, "p"),
                FieldSpec.of("container.id", FieldType.STRING, "c").withSuggestedOutput(true),
                FieldSpec.of("container.name", FieldType.STRING, "n").withSuggestedOutput(true)), null));
        catalogs.put("k8s_audit", TestCatalog.plugin("k8s_audit", List.of("ka.verb")));
        return catalogs;
    }

    @Test
    void suggestedOutputAppendsEachSuggestedFieldOfMatchingSources() throws IOException {
        List<AppendOutput> entries = AppendOutputs.forEngine(config("", "append_output[].suggested_output=true"),
                catalogs());
        assertEquals(List.of(new AppendOutput("syscall", Set.of(), null,
                "container_id=%container.id container_name=%container.name", Map.of())), entries);
    }

    @Test
    void extraOutputAndFieldsKeepTheirMatchAndRawFieldsBecomeBareReferences() throws IOException {
        List<AppendOutput> entries = AppendOutputs.forEngine(config("", "append_output[]={\"match\": {\"source\": "
                + "\"syscall\", \"tags\": [a]}, \"extra_output\": \"on CPU %evt.cpu\", \"extra_fields\": "
                + "[{\"home\": \"/root\"}, \"evt.hostname\"]}"), catalogs());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("home", "/root");
        extra.put("evt.hostname", "%evt.hostname");
        assertEquals(List.of(new AppendOutput("syscall", Set.of("a"), null, "on CPU %evt.cpu", Map.of()),
                new AppendOutput("syscall", Set.of("a"), null, null, extra)), entries);
    }

    @Test
    void staticFieldsJoinTheSuggestedOutput() throws IOException {
        List<AppendOutput> entries = AppendOutputs.forEngine(config("static_fields:\n  foo: bar\n",
                "append_output[]={\"match\": {\"source\": \"k8s_audit\"}, \"suggested_output\": true}"), catalogs());
        assertEquals(List.of(new AppendOutput("k8s_audit", Set.of(), null, "static_foo=bar", Map.of())), entries);
    }
}
