package dev.peregrine.platform.condition.ast;

/** A bare identifier in check position: a macro reference, replaced during macro expansion. */
public record MacroRef(String name, int offset) implements Expr {
}
