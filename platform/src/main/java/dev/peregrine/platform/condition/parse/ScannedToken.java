package dev.peregrine.platform.condition.parse;

import org.antlr.v4.runtime.CommonToken;

/**
 * A token produced by {@link ConditionScanner}: the raw text plus what the scanner already decoded
 * (unescaped string value, field name and bracket argument), so the AST builder never re-lexes.
 */
final class ScannedToken extends CommonToken {
    /** Decoded value: unescaped string, field name, transformer name, operator; never null. */
    final String value;
    /** Bracket argument of a field or transformer, decoded; null when absent. */
    final String argument;
    /** True for a quoted string. */
    final boolean quoted;

    ScannedToken(int type, String source, int start, int stop, String value, String argument, boolean quoted) {
        super(type, source.substring(start, stop));
        setStartIndex(start);
        setStopIndex(stop - 1);
        this.value = value;
        this.argument = argument;
        this.quoted = quoted;
    }
}
