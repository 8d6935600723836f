package dev.peregrine.platform.condition.eval;

import static dev.peregrine.platform.condition.eval.Ast.check;
import static dev.peregrine.platform.condition.eval.Ast.exists;
import static dev.peregrine.platform.condition.eval.Ast.field;
import static dev.peregrine.platform.condition.eval.Ast.lit;
import static dev.peregrine.platform.condition.eval.Ast.list;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.peregrine.api.FieldType;
import dev.peregrine.platform.condition.ast.Check;
import dev.peregrine.platform.condition.ast.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every operator against every field type, scalar and list: compiles, or fails with Falco's text (§3.4). */
class OperatorTypeMatrixTest {

    private static final List<String> OPERATORS = List.of("=", "==", "!=", "<", "<=", ">", ">=", "contains",
            "icontains", "bcontains", "startswith", "bstartswith", "endswith", "glob", "iglob", "regex", "in",
            "intersects", "pmatch");

    private static final Set<String> NUMERIC = Set.of("=", "==", "!=", "<", "<=", ">", ">=", "in", "intersects");
    private static final Set<String> BOOL = Set.of("=", "==", "!=", "in", "intersects");
    private static final Set<String> BUFFER = Set.of("=", "==", "!=", "contains", "bcontains", "startswith",
            "bstartswith", "endswith", "in", "intersects");
    private static final Set<String> IP = Set.of("=", "==", "!=", "in", "intersects");

    private final FilterCompiler compiler = new FilterCompiler(new TestFieldCatalog(), ServiceNames.builtIn());

    @TestFactory
    Stream<DynamicTest> scalarFieldsAcceptOrRejectEachOperatorAsFalcoDoes() {
        List<DynamicTest> tests = new ArrayList<>();
        for (FieldType type : FieldType.values()) {
            if (type == FieldType.DYNAMIC) {
                continue;
            }
            for (String operator : OPERATORS) {
                String field = "t." + type.name().toLowerCase();
                tests.add(DynamicTest.dynamicTest(field + " " + operator, () -> {
                    Check check = check(field(field), operator, valueFor(type, operator));
                    String family = rejectedFamily(type, operator);
                    if (family == null) {
                        assertDoesNotThrow(() -> compiler.compile(check));
                    } else {
                        ConditionCompileException error = assertThrows(ConditionCompileException.class,
                                () -> compiler.compile(check));
                        assertEquals("filter error: '" + canonical(operator) + "' operator not supported for "
                                + family + " filters", error.getMessage());
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> listFieldsAcceptOnlyInIntersectsAndExists() {
        List<DynamicTest> tests = new ArrayList<>();
        for (FieldType type : List.of(FieldType.STRING, FieldType.UINT64, FieldType.BOOL, FieldType.IPADDR)) {
            String field = "t." + type.name().toLowerCase() + "s";
            for (String operator : OPERATORS) {
                tests.add(DynamicTest.dynamicTest(field + " " + operator, () -> {
                    Check check = check(field(field), operator, valueFor(type, operator));
                    if (operator.equals("in") || operator.equals("intersects")) {
                        assertDoesNotThrow(() -> compiler.compile(check));
                    } else {
                        ConditionCompileException error = assertThrows(ConditionCompileException.class,
                                () -> compiler.compile(check));
                        assertEquals("filter error: '" + canonical(operator) + "' operator not supported list filters",
                                error.getMessage());
                    }
                }));
            }
            tests.add(DynamicTest.dynamicTest(field + " exists",
                    () -> assertDoesNotThrow(() -> compiler.compile(exists(field(field))))));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> existsIsAcceptedForEveryType() {
        return Stream.of(FieldType.values()).map(type -> DynamicTest.dynamicTest(type.name(),
                () -> assertDoesNotThrow(() -> compiler.compile(exists(field("t." + type.name().toLowerCase()))))));
    }

    private static String canonical(String operator) {
        return operator.equals("==") ? "=" : operator;
    }

    private static String rejectedFamily(FieldType type, String operator) {
        return switch (type.kind()) {
            case NUMBER -> NUMERIC.contains(operator) ? null : "numeric";
            case BOOL -> BOOL.contains(operator) ? null : "numeric";
            case STRING -> operator.startsWith("b") ? "string" : null;
            case BUFFER -> BUFFER.contains(operator) ? null : "buffer";
            case IP_ADDRESS, IP_NETWORK -> IP.contains(operator) ? null : "ip address and network";
            case DYNAMIC -> null;
        };
    }

    private static Value valueFor(FieldType type, String operator) {
        String text = switch (type.kind()) {
            case NUMBER -> "80";
            case BOOL -> "true";
            case STRING -> operator.equals("pmatch") ? "/tmp" : "abc";
            case BUFFER -> "ab";
            case IP_ADDRESS -> "10.0.0.1";
            case IP_NETWORK -> "10.0.0.0/8";
            case DYNAMIC -> "x";
        };
        boolean listSyntax = operator.equals("in") || operator.equals("intersects") || operator.equals("pmatch");
        return listSyntax ? list(text) : lit(text);
    }
}
