package dev.peregrine.plugin.syscall.capture;

import java.util.Objects;

/** A host group from a user-list block. */
public record GroupEntry(long gid, String name) {
    public GroupEntry {
        Objects.requireNonNull(name, "name");
    }
}
