package dev.peregrine.platform.condition.eval;

import static dev.peregrine.platform.condition.eval.Ast.check;
import static dev.peregrine.platform.condition.eval.Ast.field;
import static dev.peregrine.platform.condition.eval.Ast.lit;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.api.Event;
import dev.peregrine.api.FieldArgumentKind;
import dev.peregrine.api.FieldHandle;
import dev.peregrine.api.FieldSpec;
import dev.peregrine.api.FieldType;
import dev.peregrine.api.ValueSink;
import dev.peregrine.platform.field.FieldProvider;
import dev.peregrine.platform.field.PluginFieldCatalog;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A dynamic field whose binding reports its type ({@code evt.rawarg.size} is an unsigned number) compares
 * as that type: 99 is below 100 numerically, although the text "99" sorts after "100".
 */
class BoundTypeComparisonTest {

    private static final Event EVENT = FakeEvent.with();

    private final FilterCompiler compiler = new FilterCompiler(new PluginFieldCatalog("syscall", List.of(
            new FieldProvider("syscall", "syscall (plugin)", List.of(FieldSpec.of("evt.rawarg", FieldType.DYNAMIC,
                    "raw argument").withArgument(FieldArgumentKind.KEY, true)), (spec, argument) -> new FieldHandle() {
                        @Override
                        public boolean extract(Event event, ValueSink out) {
                            out.addLong(99);
                            return true;
                        }

                        @Override
                        public FieldType boundType() {
                            return FieldType.UINT32;
                        }
                    })), Optional.empty()), ServiceNames.builtIn());

    @Test
    void aRawArgumentComparesNumericallyWhenItsBindingIsNumeric() throws Exception {
        assertTrue(compiler.compile(check(field("evt.rawarg.size"), "<", lit("100"))).matches(EVENT));
        assertFalse(compiler.compile(check(field("evt.rawarg.size"), ">", lit("100"))).matches(EVENT));
        assertTrue(compiler.compile(check(field("evt.rawarg.size"), "in", Ast.list("5", "99"))).matches(EVENT));
    }
}
