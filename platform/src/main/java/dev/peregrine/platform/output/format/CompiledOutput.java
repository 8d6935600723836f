package dev.peregrine.platform.output.format;

import dev.peregrine.api.Event;
import dev.peregrine.platform.condition.eval.CompiledOperand;
import dev.peregrine.platform.condition.eval.ValueBuffer;
import dev.peregrine.platform.condition.eval.ValueRenderer;
import dev.peregrine.platform.field.ResolvedField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule output format bound to its fields: renders the alert text (§5.2) and the typed
 * {@code output_fields} (§5.3). Holds scratch buffers: use from one thread at a time.
 */
public final class CompiledOutput {

    /** One piece of a compiled format. */
    public sealed interface Part permits Text, Field {
    }

    /** Literal text. */
    public record Text(String text) implements Part {
    }

    /**
     * A compiled field or transformer.
     *
     * @param width pad/truncate width in characters, 0 for none
     * @param token the field as written, used as its JSON key
     * @param plain true for a plain field (JSON key), false for a transformer expression
     */
    public record Field(CompiledOperand operand, int width, String token, boolean plain) implements Part {
    }

    private final String format;
    private final List<Part> parts;
    private final ValueBuffer buffer = new ValueBuffer();
    private final ValueRenderer renderer = new ValueRenderer();

    public CompiledOutput(String format, List<Part> parts) {
        this.format = format;
        this.parts = List.copyOf(parts);
    }

    /** The format text it was compiled from. */
    public String format() {
        return format;
    }

    public List<Part> parts() {
        return parts;
    }

    /** The output text: values as text, {@code <NA>} when missing, widths applied. */
    public String render(Event event) {
        StringBuilder out = new StringBuilder(format.length() + 64);
        for (Part part : parts) {
            switch (part) {
                case Text t -> out.append(t.text());
                case Field f -> appendField(f, event, out);
            }
        }
        return out.toString();
    }

    private void appendField(Field f, Event event, StringBuilder out) {
        int start = out.length();
        renderer.appendExtracted(f.operand(), event, buffer, out);
        if (f.width() > 0) {
            int written = out.length() - start;
            if (written > f.width()) {
                out.setLength(start + f.width());
            } else {
                out.append(" ".repeat(f.width() - written));
            }
        }
    }

    /**
     * The typed values keyed by the fields as written: plain fields and the fields read inside
     * transformers, not the transformer expressions; null for missing values.
     */
    public Map<String, Object> fields(Event event) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Part part : parts) {
            if (part instanceof Field f) {
                if (f.plain()) {
                    values.put(f.token(), renderer.extractJson(f.operand(), event, buffer));
                } else {
                    for (ResolvedField inner : f.operand().fields()) {
                        buffer.reset();
                        boolean present = inner.handle().extract(event, buffer)
                                && (inner.spec().list() || !buffer.isEmpty());
                        values.put(inner.text(), present
                                ? renderer.json(inner.spec().type(), inner.spec().list(), buffer) : null);
                    }
                }
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /** Names of the JSON keys {@link #fields} produces, in order. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (Part part : parts) {
            if (part instanceof Field f) {
                if (f.plain()) {
                    names.add(f.token());
                } else {
                    f.operand().fields().forEach(r -> names.add(r.text()));
                }
            }
        }
        return names;
    }
}
