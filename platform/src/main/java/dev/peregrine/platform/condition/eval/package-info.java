/**
 * The condition evaluator: {@link dev.peregrine.platform.condition.eval.FilterCompiler} turns a
 * macro-free condition AST into a tree of small evaluation nodes (one final class per node kind:
 * and, or, not, exists, checks against constants, field-to-field checks), with comparators and
 * constants chosen and parsed once at compile time. Per event, only the field handles bound by
 * the catalogue and those nodes run; values land in reusable
 * {@link dev.peregrine.platform.condition.eval.ValueBuffer}s.
 *
 * <p>Compiled filters and operands keep scratch buffers and reusable regex matchers, so each
 * instance belongs to one thread; compile one per worker.
 *
 * <p>Deliberate differences from libsinsp, all invisible to rules that compile under both:
 * strings are Java strings compared in UTF-8 byte order; {@code regex} runs on
 * {@link java.util.regex.Pattern} after a POSIX translation (see {@code PosixRegex}); error texts
 * after {@code invalid regex pattern: } are Java's rather than RE2's.
 */
package dev.peregrine.platform.condition.eval;
