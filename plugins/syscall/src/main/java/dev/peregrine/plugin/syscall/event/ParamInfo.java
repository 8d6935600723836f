package dev.peregrine.plugin.syscall.event;

import java.util.Objects;

/**
 * One parameter of a driver event, as declared in the event table.
 *
 * @param name   parameter name, e.g. {@code fd}
 * @param type   libsinsp parameter type name, e.g. {@code PT_FD}
 * @param format print format name, e.g. {@code PF_DEC}
 */
public record ParamInfo(String name, String type, String format) {
    public ParamInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(format, "format");
    }
}
