/**
 * Condition parsing: {@link dev.peregrine.platform.condition.parse.ConditionParser} turns condition
 * text into the AST of {@code condition.ast}. A context-aware scanner reproduces Falco's
 * blank-sensitive lexing and its exact error messages; the ANTLR grammar in {@code condition.grammar}
 * gives the token stream its tree shape. ANTLR types never leave this package and the grammar's.
 */
package dev.peregrine.platform.condition.parse;
