package dev.peregrine.platform.rules.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.platform.engine.AppendOutput;
import dev.peregrine.platform.engine.RulesLoader;
import dev.peregrine.platform.field.FieldCatalog;
import dev.peregrine.platform.rules.result.ItemType;
import dev.peregrine.platform.rules.result.LoadCode;
import dev.peregrine.platform.rules.result.LoadMessage;
import dev.peregrine.platform.rules.result.LoadResult;
import java.util.List;
import java.util.Map;

/** Loaders over the small test catalogues and assertions on load results. */
public final class Fixture {

    private Fixture() {
    }

    /** syscall (small catalogue, 300 event codes) and k8s_audit (a few ka.* fields). */
    public static Map<String, FieldCatalog> catalogs() {
        return Map.of("syscall", TestCatalog.smallSyscall(),
                "k8s_audit", TestCatalog.plugin("k8s_audit", List.of("ka.verb", "ka.target.name", "ka.user.name")));
    }

    public static RulesLoader loader() {
        return new RulesLoader(catalogs());
    }

    public static RulesLoader loader(List<AppendOutput> appendOutputs) {
        return new RulesLoader(catalogs(), appendOutputs);
    }

    /** Loads one file named {@code rules.yaml} into a fresh loader. */
    public static LoadResult load(String yaml) {
        return loader().load("rules.yaml", yaml);
    }

    /** Asserts the single error's code and exact message, and returns it. */
    public static LoadMessage assertError(LoadResult result, LoadCode code, String message) {
        assertEquals(1, result.errors().size(), () -> "expected one error, got " + result);
        LoadMessage error = result.errors().getFirst();
        assertEquals(code, error.code(), () -> result.toString());
        assertEquals(message, error.message());
        return error;
    }

    /** Asserts a warning with this code and exact message exists, and returns it. */
    public static LoadMessage assertWarning(LoadResult result, LoadCode code, String message) {
        return result.warnings().stream().filter(w -> w.code() == code && w.message().equals(message)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " '" + message + "' in " + result));
    }

    public static void assertNoWarning(LoadResult result, LoadCode code) {
        assertTrue(result.warnings().stream().noneMatch(w -> w.code() == code), () -> code + " in " + result);
    }

    public static void assertOk(LoadResult result) {
        assertTrue(result.successful(), () -> "expected success: " + result);
    }

    public static void assertPointsAt(LoadMessage message, ItemType type, String name) {
        assertTrue(message.pointsAt(type, name), () -> "no " + type.label() + " '" + name + "' in " + message);
    }
}
