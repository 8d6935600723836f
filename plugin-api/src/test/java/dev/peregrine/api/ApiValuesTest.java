package dev.peregrine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiValuesTest {

    @Test
    void fieldArgumentOfDigitsIsAnIndexAndAnythingElseIsAKey() {
        assertEquals(2, FieldArgument.of("2").index());
        assertTrue(FieldArgument.of("2").isIndex());
        assertFalse(FieldArgument.of("/a/b").isIndex());
        assertEquals(FieldArgument.NO_INDEX, FieldArgument.of("x1").index());
        assertFalse(FieldArgument.of("").isIndex());
        assertTrue(FieldArgument.of("").present());
        assertFalse(FieldArgument.none().present());
    }

    @Test
    void indexTooLongForALongIsAKeyNotAnOverflow() {
        assertFalse(FieldArgument.of("99999999999999999999").isIndex());
    }

    @Test
    void fieldThatRequiresAnArgumentMustAcceptOne() {
        assertThrows(IllegalArgumentException.class, () ->
                new FieldSpec("a.b", FieldType.STRING, false, FieldArgumentKind.NONE, true, "", "d", Set.of(), false));
        FieldSpec keyed = FieldSpec.of("a.b", FieldType.STRING, "d").withArgument(FieldArgumentKind.KEY, true);
        assertTrue(keyed.argumentRequired());
        assertTrue(keyed.asList().list());
    }

    @Test
    void pluginSourcesEventsOnlyWhenItNamesASource() {
        assertFalse(PluginInfo.extractor("json", "0.7.4", "", "").sourcesEvents());
        PluginInfo source = PluginInfo.source("cloudtrail", "0.17.1", "", "", 2, "aws_cloudtrail");
        assertTrue(source.sourcesEvents());
        assertEquals(HostApi.VERSION, source.requiredApiVersion());
    }

    @Test
    void fieldTypesGroupIntoKindsThatDecideOperators() {
        assertEquals(FieldType.Kind.NUMBER, FieldType.RELTIME.kind());
        assertEquals(FieldType.Kind.STRING, FieldType.FSPATH.kind());
        assertTrue(FieldType.ERRNO.isSigned());
        assertFalse(FieldType.UINT64.isSigned());
    }
}
