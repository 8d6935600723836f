package dev.peregrine.platform.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.FieldArgumentKind;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.PluginException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PluginFieldCatalogTest {

    private final List<String> binds = new ArrayList<>();
    private PluginFieldCatalog catalog;

    @BeforeEach
    void catalogue() {
        List<FieldSpec> fields = List.of(
                FieldSpec.of("ka.user", FieldType.STRING, "user"),
                FieldSpec.of("ka.user.name", FieldType.STRING, "user name"),
                FieldSpec.of("json.value", FieldType.STRING, "value").withArgument(FieldArgumentKind.KEY, true),
                FieldSpec.of("evt.arg", FieldType.STRING, "argument").withArgument(FieldArgumentKind.KEY, false),
                FieldSpec.of("proc.aname", FieldType.STRING, "ancestor").withArgument(FieldArgumentKind.INDEX, false),
                FieldSpec.of("picky.field", FieldType.STRING, "rejects bad keys").withArgument(FieldArgumentKind.KEY, true),
                FieldSpec.of("evt.rawarg", FieldType.DYNAMIC, "raw argument").withArgument(FieldArgumentKind.KEY, true));
        FieldBinder binder = (spec, argument) -> {
            if (spec.name().equals("picky.field") && argument.text().equals("bad")) {
                throw new PluginException("picky.field does not know key bad");
            }
            binds.add(spec.name() + "|" + argument.text() + "|" + argument.present() + "|" + argument.index());
            if (spec.name().equals("evt.rawarg")) {
                FieldType type = argument.text().equals("size") ? FieldType.UINT32 : null;
                return new FieldHandle() {
                    @Override
                    public boolean extract(dev.peregrine.api.Event event, dev.peregrine.api.ValueSink out) {
                        return true;
                    }

                    @Override
                    public FieldType boundType() {
                        return type;
                    }
                };
            }
            return (event, out) -> true;
        };
        catalog = new PluginFieldCatalog("k8s_audit", List.of(new FieldProvider("k8saudit", "k8saudit (plugin)", fields, binder)),
                Optional.empty());
    }

    @Test
    void aDynamicFieldTakesTheTypeItsBindingReports() throws Exception {
        assertEquals(FieldType.UINT32, catalog.resolve("evt.rawarg.size", null).spec().type());
        assertEquals(FieldType.DYNAMIC, catalog.resolve("evt.rawarg.other", null).spec().type(),
                "no bound type: the declared one stays");
    }

    @Test
    void exactNameWinsOverShorterPrefix() throws Exception {
        ResolvedField field = catalog.resolve("ka.user.name", null);
        assertEquals("ka.user.name", field.spec().name());
        assertEquals("k8saudit", field.provider());
    }

    @Test
    void unknownFieldUsesFalcosMessage() {
        assertEquals("filter_check called with nonexistent field ka.nobody",
                assertThrows(FieldResolutionException.class, () -> catalog.resolve("ka.nobody", null)).getMessage());
        assertEquals("filter_check called with nonexistent field ka.user.name.first",
                assertThrows(FieldResolutionException.class, () -> catalog.resolve("ka.user.name.first", null)).getMessage(),
                "a longer name only binds to fields that take a key");
    }

    @Test
    void dottedRemainderIsTheKeyOfAKeyedField() throws Exception {
        ResolvedField field = catalog.resolve("evt.arg.fd", null);
        assertEquals("evt.arg", field.spec().name());
        assertEquals("fd", field.argument().text());
        assertEquals("evt.arg.fd", field.text());
        assertTrue(catalog.knows("evt.arg.fd"));
        assertFalse(catalog.knows("ka.user.name.first"));
    }

    @Test
    void bindingHappensOncePerDistinctReference() throws Exception {
        ResolvedField first = catalog.resolve("json.value", "/user/name");
        ResolvedField again = catalog.resolve("json.value", "/user/name");
        catalog.resolve("json.value", "/verb");
        assertSame(first, again);
        assertEquals(List.of("json.value|/user/name|true|-1", "json.value|/verb|true|-1"), binds);
        assertEquals("json.value[/user/name]", first.text());
    }

    @Test
    void argumentChecksUseLibsinspMessages() {
        assertEquals("filter 'ka.user[x]': ka.user does not allow nor require an argument but one is provided: x",
                assertThrows(FieldResolutionException.class, () -> catalog.resolve("ka.user", "x")).getMessage());
        assertEquals("filter 'json.value': json.value requires an argument but none provided",
                assertThrows(FieldResolutionException.class, () -> catalog.resolve("json.value", null)).getMessage());
        assertEquals("filter proc.aname[x1] proc.aname has an invalid index argument not composed only by digits: x1",
                assertThrows(FieldResolutionException.class, () -> catalog.resolve("proc.aname", "x1")).getMessage());
        assertEquals("filter proc.aname[01] proc.aname has an invalid index argument starting with 0: 01",
                assertThrows(FieldResolutionException.class, () -> catalog.resolve("proc.aname", "01")).getMessage());
        assertEquals("filter proc.aname[99999999999999999999] proc.aname has an invalid index argument not representable on 64 bit: 99999999999999999999",
                assertThrows(FieldResolutionException.class,
                        () -> catalog.resolve("proc.aname", "99999999999999999999")).getMessage());
    }

    @Test
    void indexArgumentIsPassedParsed() throws Exception {
        catalog.resolve("proc.aname", "2");
        assertEquals(List.of("proc.aname|2|true|2"), binds);
    }

    @Test
    void pluginRefusingAnArgumentReportsItsReason() {
        assertEquals("picky.field does not know key bad",
                assertThrows(FieldResolutionException.class, () -> catalog.resolve("picky.field", "bad")).getMessage());
    }

    @Test
    void listsEveryDeclaredField() {
        assertEquals(7, catalog.fields().size());
        assertEquals("k8s_audit", catalog.source());
    }
}
