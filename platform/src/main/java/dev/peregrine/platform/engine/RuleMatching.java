package dev.peregrine.platform.engine;

/** Whether an event stops at its first matching rule or collects every match. */
public enum RuleMatching {
    FIRST, ALL
}
