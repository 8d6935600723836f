/** Syscall event drop monitoring (falco.yaml {@code syscall_event_drops}): detection, throttling, actions. */
package dev.peregrine.platform.drops;
