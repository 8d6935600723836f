/**
 * The condition AST: what the parser produces and what macro expansion, warnings, event-type
 * indexing and the evaluator compiler consume. Plain records and sealed interfaces; no parser
 * types. Offsets are 0-based character positions in the condition text that was parsed.
 */
package dev.peregrine.platform.condition.ast;
