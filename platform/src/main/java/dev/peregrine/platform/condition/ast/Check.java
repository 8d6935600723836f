package dev.peregrine.platform.condition.ast;

/**
 * A comparison {@code left operator [modifier] right}.
 *
 * @param left     field or transformer
 * @param operator the operator as written ({@code =}, {@code ==}, {@code in}, {@code exists}, ...)
 * @param modifier {@code oneof}/{@code anyof}/{@code allof}, or null
 * @param right    the right-hand side; null for {@code exists}
 */
public record Check(Operand left, String operator, String modifier, Value right, int offset) implements Expr {
}
