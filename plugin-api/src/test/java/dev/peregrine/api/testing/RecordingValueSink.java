package dev.peregrine.api.testing;

import dev.peregrine.api.ValueSink;
import java.util.ArrayList;
import java.util.List;

/**
 * A test double for plugin extraction tests (plugin-api test-jar): records every value written to
 * it, in order, as boxed Java values.
 */
public final class RecordingValueSink implements ValueSink {

    /** The values written so far. */
    public final List<Object> values = new ArrayList<>();

    @Override
    public void addLong(long value) {
        values.add(value);
    }

    @Override
    public void addDouble(double value) {
        values.add(value);
    }

    @Override
    public void addBoolean(boolean value) {
        values.add(value);
    }

    @Override
    public void addString(String value) {
        values.add(value);
    }

    @Override
    public void addBytes(byte[] value, int offset, int length) {
        values.add(java.util.Arrays.copyOfRange(value, offset, offset + length));
    }

    @Override
    public void addAddress(byte[] address) {
        values.add(address.clone());
    }

    @Override
    public void addNetwork(byte[] address, int prefixLength) {
        values.add(address.clone());
    }
}
