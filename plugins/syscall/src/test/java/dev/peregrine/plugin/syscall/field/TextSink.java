package dev.peregrine.plugin.syscall.field;

import dev.peregrine.api.ValueSink;
import dev.peregrine.plugin.syscall.state.SocketText;
import java.util.ArrayList;
import java.util.List;

/** Records extracted values as text, the way the oracle dumps print them. */
public final class TextSink implements ValueSink {

    /** Values in the order they were added. */
    public final List<String> values = new ArrayList<>();

    @Override
    public void addLong(long value) {
        values.add(Long.toString(value));
    }

    @Override
    public void addDouble(double value) {
        values.add(Double.toString(value));
    }

    @Override
    public void addBoolean(boolean value) {
        values.add(value ? "true" : "false");
    }

    @Override
    public void addString(String value) {
        values.add(value);
    }

    @Override
    public void addBytes(byte[] value, int offset, int length) {
        values.add(new String(value, offset, length, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Override
    public void addAddress(byte[] address) {
        values.add(SocketText.ip(address));
    }

    @Override
    public void addNetwork(byte[] address, int prefixLength) {
        values.add(SocketText.ip(address) + "/" + prefixLength);
    }

    /** The single value, the values joined by spaces, or {@code \N} for none. */
    String text(boolean present) {
        return present && !values.isEmpty() ? String.join(" ", values) : "\\N";
    }
}
