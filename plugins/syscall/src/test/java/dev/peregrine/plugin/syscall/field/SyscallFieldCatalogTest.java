package dev.peregrine.plugin.syscall.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.FieldArgumentKind;
import dev.peregrine.api.FieldProperty;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.plugin.syscall.SharedSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The syscall and container field tables derived from syscall-fields.tsv. */
class SyscallFieldCatalogTest {

    private final SyscallFieldCatalog catalog = SyscallFieldCatalog.load();
    private final Map<String, FieldSpec> syscall = byName(catalog.syscallFields());
    private final Map<String, FieldSpec> container = byName(catalog.containerFields());

    private static Map<String, FieldSpec> byName(List<FieldSpec> fields) {
        return fields.stream().collect(Collectors.toMap(FieldSpec::name, Function.identity()));
    }

    @Test
    void countsMatchTheProvidersOfTheBundledTable() {
        assertEquals(226, catalog.syscallFields().size());
        assertEquals(39, catalog.containerFields().size());
        assertEquals(226, syscall.size(), "duplicate syscall field names");
    }

    @Test
    void countsMatchTheSharedTsvRowsPerProvider() throws IOException {
        List<String[]> rows = Files.readAllLines(SharedSpecs.require("spec/syscall-fields.tsv")).stream()
                .skip(1).filter(line -> !line.isBlank()).map(line -> line.split("\t", -1)).toList();
        long libsinsp = rows.stream().filter(r -> r[7].equals("libsinsp") || r[7].equals("sysdig-0.29-only")).count();
        long containerRows = rows.stream().filter(r -> r[7].equals("container-plugin")).count();
        assertEquals(libsinsp, catalog.syscallFields().size());
        assertEquals(containerRows, catalog.containerFields().size());
        Set<String> names = new HashSet<>(syscall.keySet());
        names.addAll(container.keySet());
        assertEquals(rows.stream().map(r -> r[0]).collect(Collectors.toSet()), names);
    }

    @Test
    void ancestorNameTakesAnOptionalIndex() {
        FieldSpec aname = syscall.get("proc.aname");
        assertEquals(FieldType.STRING, aname.type());
        assertEquals(FieldArgumentKind.INDEX, aname.argument());
        assertFalse(aname.argumentRequired());
        assertFalse(aname.list());
    }

    @Test
    void eventArgumentTakesARequiredNameOrIndex() {
        assertEquals(FieldArgumentKind.INDEX_OR_KEY, syscall.get("evt.arg").argument());
        assertTrue(syscall.get("evt.arg").argumentRequired());
        assertEquals(FieldType.DYNAMIC, syscall.get("evt.rawarg").type());
        assertEquals(FieldArgumentKind.KEY, syscall.get("evt.rawarg").argument());
        assertEquals(FieldArgumentKind.KEY, syscall.get("thread.cgroup").argument());
    }

    @Test
    void typesAndPropertiesComeFromTheTable() {
        assertTrue(syscall.get("fd.types").list());
        assertEquals(FieldType.IPNET, syscall.get("fd.net").type());
        assertTrue(syscall.get("fd.net").has(FieldProperty.FILTER_ONLY));
        assertEquals(FieldType.PORT, syscall.get("fd.sport").type());
        assertTrue(syscall.get("evt.dir").has(FieldProperty.DEPRECATED));
        assertTrue(syscall.get("evt.outputtime").has(FieldProperty.PRINT_ONLY));
        assertEquals(Set.of(FieldProperty.HIDDEN, FieldProperty.DEPRECATED),
                syscall.get("evt.latency.quantized").properties());
        assertEquals(FieldType.INT64, syscall.get("proc.pid").type());
        assertEquals(FieldType.UINT32, syscall.get("user.uid").type());
        assertEquals("", syscall.get("proc.name").displayName());
        assertFalse(syscall.get("proc.name").description().isEmpty());
    }

    @Test
    void containerIdAndNameAreSuggestedForOutput() {
        assertTrue(container.get("container.id").suggestedOutput());
        assertTrue(container.get("container.name").suggestedOutput());
        assertFalse(container.get("container.image").suggestedOutput());
        assertTrue(catalog.syscallFields().stream().noneMatch(FieldSpec::suggestedOutput));
    }

    @Test
    void containerMountAndLabelsTakeRequiredArguments() {
        assertEquals(FieldArgumentKind.INDEX_OR_KEY, container.get("container.mount.dest").argument());
        assertTrue(container.get("container.mount.dest").argumentRequired());
        assertEquals(FieldArgumentKind.KEY, container.get("k8s.pod.label").argument());
        assertEquals(FieldType.BOOL, container.get("container.privileged").type());
        assertTrue(container.containsKey("k8s.ns.name"));
    }
}
