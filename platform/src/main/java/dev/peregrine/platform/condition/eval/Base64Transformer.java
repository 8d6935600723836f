package dev.peregrine.platform.condition.eval;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * {@code b64}: standard base64 decoding with optional padding, element-wise on lists. Input that
 * is not valid base64 leaves the operand without a value. Trailing NULs of the input are ignored.
 */
final class Base64Transformer extends TransformerOperand {
    private final CompiledOperand input;
    private final boolean buffer;
    private final ValueBuffer scratch = new ValueBuffer();
    private final Base64.Decoder decoder = Base64.getDecoder();

    Base64Transformer(CompiledOperand input, String text) {
        super(input.type(), input.list(), text, List.of(input));
        this.input = input;
        this.buffer = input.type() == FieldType.BYTEBUF;
    }

    @Override
    public boolean extract(Event event, ValueBuffer out) {
        out.reset();
        if (!input.extract(event, scratch)) {
            return false;
        }
        for (int i = 0, n = scratch.size(); i < n; i++) {
            byte[] encoded = buffer
                    ? Arrays.copyOf(scratch.bytesAt(i), scratch.bytesLength(i))
                    : scratch.stringAt(i).getBytes(StandardCharsets.ISO_8859_1);
            int length = encoded.length;
            while (length > 0 && encoded[length - 1] == 0) {
                length--;
            }
            byte[] decoded;
            try {
                decoded = decoder.decode(length == encoded.length ? encoded : Arrays.copyOf(encoded, length));
            } catch (IllegalArgumentException invalid) {
                out.reset();
                return false;
            }
            if (buffer) {
                out.addBytes(decoded, 0, decoded.length);
            } else {
                out.addString(new String(decoded, StandardCharsets.UTF_8));
            }
        }
        return true;
    }
}
