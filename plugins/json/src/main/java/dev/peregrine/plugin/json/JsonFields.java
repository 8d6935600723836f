package dev.peregrine.plugin.json;

import dev.peregrine.api.FieldArgumentKind;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import java.util.List;

/** The json plugin's field table, in upstream order (index = field id). */
public final class JsonFields {

    public static final FieldSpec JSON_VALUE = FieldSpec.of("json.value", FieldType.STRING,
            "Value at a JSON pointer in the payload, e.g. json.value[/user/name]")
            .withArgument(FieldArgumentKind.KEY, true);
    public static final FieldSpec JSON_OBJ = FieldSpec.of("json.obj", FieldType.STRING,
            "The whole payload, pretty-printed");
    public static final FieldSpec JSON_RAWTIME = FieldSpec.of("json.rawtime", FieldType.STRING,
            "The event time in nanoseconds since the epoch, as text (same as evt.rawtime)");
    public static final FieldSpec JEVT_VALUE = FieldSpec.of("jevt.value", FieldType.STRING,
            "Legacy alias of json.value")
            .withArgument(FieldArgumentKind.KEY, true);
    public static final FieldSpec JEVT_OBJ = FieldSpec.of("jevt.obj", FieldType.STRING,
            "Legacy alias of json.obj");
    public static final FieldSpec JEVT_RAWTIME = FieldSpec.of("jevt.rawtime", FieldType.STRING,
            "Legacy alias of json.rawtime");

    /** All fields. */
    public static final List<FieldSpec> ALL =
            List.of(JSON_VALUE, JSON_OBJ, JSON_RAWTIME, JEVT_VALUE, JEVT_OBJ, JEVT_RAWTIME);

    private JsonFields() {
    }
}
