/**
 * The detection side: {@link dev.peregrine.platform.engine.RulesLoader} loads files into a
 * {@link dev.peregrine.platform.engine.Ruleset} that selects and matches rules per event.
 */
package dev.peregrine.platform.engine;
