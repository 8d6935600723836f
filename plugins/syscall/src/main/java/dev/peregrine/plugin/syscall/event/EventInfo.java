package dev.peregrine.plugin.syscall.event;

import java.util.List;
import java.util.Objects;

/**
 * One row of the driver event table.
 *
 * @param code      event id ({@code PPME_*} value)
 * @param enumName  the driver's constant name, e.g. {@code PPME_SYSCALL_OPEN_X}
 * @param name      the name {@code evt.type} reports ({@code NA} for unused placeholders)
 * @param direction enter or exit
 * @param category  syscall category bits OR one source bit ({@code EC_*})
 * @param flags     {@code EF_*} bits
 * @param params    parameters in wire order
 */
public record EventInfo(
        int code,
        String enumName,
        String name,
        EventDirection direction,
        int category,
        int flags,
        List<ParamInfo> params) {

    /** {@code EF_UNUSED}: the id is a placeholder no producer emits. */
    public static final int EF_UNUSED = 1 << 6;
    /** {@code EF_OLD_VERSION}: superseded layout, only found in old captures. */
    public static final int EF_OLD_VERSION = 1 << 9;
    /** {@code EF_LARGE_PAYLOAD}: parameter lengths are 32-bit. */
    public static final int EF_LARGE_PAYLOAD = 1 << 11;
    /** {@code EC_SYSCALL}: source bit of syscall events. */
    public static final int EC_SYSCALL = 1 << 9;

    public EventInfo {
        Objects.requireNonNull(enumName, "enumName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
        params = List.copyOf(params);
    }

    public boolean isUnused() {
        return (flags & EF_UNUSED) != 0;
    }

    public boolean isOldVersion() {
        return (flags & EF_OLD_VERSION) != 0;
    }

    public boolean hasLargePayload() {
        return (flags & EF_LARGE_PAYLOAD) != 0;
    }

    public boolean isSyscall() {
        return (category & EC_SYSCALL) != 0;
    }
}
