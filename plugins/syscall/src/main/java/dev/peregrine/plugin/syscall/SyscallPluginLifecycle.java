package dev.peregrine.plugin.syscall;

import org.pf4j.Plugin;

/** PF4J's entry class for the syscall plugin jar; the extensions do all the work. */
public final class SyscallPluginLifecycle extends Plugin {
}
