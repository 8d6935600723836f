package dev.peregrine.api.testing;

import dev.peregrine.api.ValueSink;

/** A sink that keeps nothing: allocation measurements then see only the extractor's own allocations. */
public enum DiscardingValueSink implements ValueSink {
    INSTANCE;

    @Override
    public void addLong(long value) {
    }

    @Override
    public void addDouble(double value) {
    }

    @Override
    public void addBoolean(boolean value) {
    }

    @Override
    public void addString(String value) {
    }

    @Override
    public void addBytes(byte[] value, int offset, int length) {
    }

    @Override
    public void addAddress(byte[] address) {
    }

    @Override
    public void addNetwork(byte[] address, int prefixLength) {
    }
}
