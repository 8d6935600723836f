package dev.peregrine.api;

/**
 * Receives extracted values. A scalar field adds exactly one value; a list field adds 0..n. Use
 * the method matching the field's {@link FieldType.Kind}.
 */
public interface ValueSink {

    /** Integers, times, ports, flags, pids, fds and errnos. */
    void addLong(long value);

    void addDouble(double value);

    void addBoolean(boolean value);

    void addString(String value);

    /** Bytes of a buffer (copied by the sink). */
    void addBytes(byte[] value, int offset, int length);

    /** An IPv4 (4 bytes) or IPv6 (16 bytes) address (copied by the sink). */
    void addAddress(byte[] address);

    /** A network: address bytes plus prefix length (copied by the sink). */
    void addNetwork(byte[] address, int prefixLength);
}
