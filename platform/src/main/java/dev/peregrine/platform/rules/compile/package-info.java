/**
 * The compiler: list substitution and exception expansion on condition text, macro expansion on
 * the AST, per-rule validation in Falco's order, event-type codes, unused-item warnings.
 */
package dev.peregrine.platform.rules.compile;
