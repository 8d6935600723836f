package dev.peregrine.plugin.syscall.field;

import dev.peregrine.api.FieldType;
import dev.peregrine.api.ValueSink;
import dev.peregrine.plugin.syscall.event.EventView;

/** Raw typed parameter values for {@code evt.rawarg.NAME}: the parameter's bytes read as its table type. */
final class RawArgs {

    private RawArgs() {
    }

    /** The field type a parameter of libsinsp type {@code paramType} compares and prints as. */
    static FieldType fieldType(String paramType) {
        return switch (paramType) {
            case "PT_INT8" -> FieldType.INT8;
            case "PT_INT16" -> FieldType.INT16;
            case "PT_INT32" -> FieldType.INT32;
            case "PT_INT64" -> FieldType.INT64;
            case "PT_UINT8", "PT_FLAGS8", "PT_ENUMFLAGS8", "PT_SIGTYPE" -> FieldType.UINT8;
            case "PT_UINT16", "PT_FLAGS16", "PT_ENUMFLAGS16", "PT_SYSCALLID" -> FieldType.UINT16;
            case "PT_UINT32", "PT_UID", "PT_GID", "PT_SIGSET" -> FieldType.UINT32;
            case "PT_FLAGS32", "PT_ENUMFLAGS32" -> FieldType.FLAGS32;
            case "PT_UINT64" -> FieldType.UINT64;
            case "PT_ERRNO" -> FieldType.ERRNO;
            case "PT_FD", "PT_FD32" -> FieldType.FD;
            case "PT_PID", "PT_PID32" -> FieldType.PID;
            case "PT_MODE" -> FieldType.MODE;
            case "PT_PORT" -> FieldType.PORT;
            case "PT_RELTIME" -> FieldType.RELTIME;
            case "PT_ABSTIME" -> FieldType.ABSTIME;
            case "PT_CHARBUF" -> FieldType.STRING;
            case "PT_FSPATH", "PT_FSRELPATH" -> FieldType.FSPATH;
            case "PT_IPV4ADDR" -> FieldType.IPV4ADDR;
            case "PT_IPV6ADDR" -> FieldType.IPADDR;
            // socket addresses, tuples, fd lists, arrays and dynamic params stay raw bytes
            default -> FieldType.BYTEBUF;
        };
    }

    /** Writes parameter {@code p} of {@code e} as a value of {@code type}; false when it cannot be read so. */
    static boolean write(EventView e, int p, FieldType type, ValueSink out) {
        switch (type.kind()) {
            case NUMBER -> out.addLong(type.isSigned() ? e.paramSigned(p) : e.paramUnsigned(p));
            case STRING -> out.addString(e.paramString(p));
            case IP_ADDRESS -> {
                byte[] address = new byte[e.paramLength(p)];
                if (address.length != 4 && address.length != 16) {
                    return false;
                }
                e.copyParam(p, address, 0);
                out.addAddress(address);
            }
            default -> {
                byte[] bytes = new byte[e.paramLength(p)];
                e.copyParam(p, bytes, 0);
                out.addBytes(bytes, 0, bytes.length);
            }
        }
        return true;
    }
}
