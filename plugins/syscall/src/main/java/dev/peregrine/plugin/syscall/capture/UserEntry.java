package dev.peregrine.plugin.syscall.capture;

import java.util.Objects;

/** A host user from a user-list block. */
public record UserEntry(long uid, long gid, String name, String homeDirectory, String shell) {
    public UserEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(homeDirectory, "homeDirectory");
        Objects.requireNonNull(shell, "shell");
    }
}
