package dev.peregrine.api;

/**
 * Value types of fields, named after libsinsp's parameter types. The {@link Kind} decides which
 * operators apply and how values print.
 */
public enum FieldType {
    INT8(Kind.NUMBER), INT16(Kind.NUMBER), INT32(Kind.NUMBER), INT64(Kind.NUMBER),
    UINT8(Kind.NUMBER), UINT16(Kind.NUMBER), UINT32(Kind.NUMBER), UINT64(Kind.NUMBER),
    /** A port number (accepts service names in conditions). */
    PORT(Kind.NUMBER),
    PID(Kind.NUMBER), FD(Kind.NUMBER), ERRNO(Kind.NUMBER), FLAGS32(Kind.NUMBER), MODE(Kind.NUMBER),
    /** A relative time in nanoseconds. */
    RELTIME(Kind.NUMBER),
    /** An absolute time in nanoseconds since the epoch. */
    ABSTIME(Kind.NUMBER),
    DOUBLE(Kind.NUMBER),
    BOOL(Kind.BOOL),
    /** Text (libsinsp PT_CHARBUF). */
    STRING(Kind.STRING),
    /** A file system path (PT_FSPATH). */
    FSPATH(Kind.STRING),
    /** Raw bytes. */
    BYTEBUF(Kind.BUFFER),
    IPV4ADDR(Kind.IP_ADDRESS), IPADDR(Kind.IP_ADDRESS),
    IPV4NET(Kind.IP_NETWORK), IPNET(Kind.IP_NETWORK),
    /** A value whose type depends on the argument (e.g. {@code evt.rawarg}). */
    DYNAMIC(Kind.DYNAMIC);

    /** Families of types that share operators and rendering. */
    public enum Kind { NUMBER, BOOL, STRING, BUFFER, IP_ADDRESS, IP_NETWORK, DYNAMIC }

    private final Kind kind;

    FieldType(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** True for signed integer types. */
    public boolean isSigned() {
        return this == INT8 || this == INT16 || this == INT32 || this == INT64 || this == ERRNO
                || this == FD || this == PID || this == RELTIME;
    }
}
