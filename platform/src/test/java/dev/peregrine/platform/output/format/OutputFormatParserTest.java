package dev.peregrine.platform.output.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.peregrine.platform.condition.ast.FieldRef;
import dev.peregrine.platform.condition.ast.Literal;
import dev.peregrine.platform.condition.ast.Transformer;
import dev.peregrine.platform.condition.ast.TransformerArg;
import dev.peregrine.platform.condition.ast.TransformerList;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class OutputFormatParserTest {
    private static final Set<String> FIELDS = Set.of("proc.name", "proc.pname", "proc.aname", "proc.cmdline",
            "ka.target.name", "ka.target.resource", "jevt.value", "evt.time", "user.name", "container.id");
    private static final Predicate<String> KNOWN = FIELDS::contains;

    /** Segments as text: {@code 'text'} for text, {@code {N:operand|token}} for tokens. */
    private static String render(List<FormatSegment> segments) {
        return segments.stream().map(s -> switch (s) {
            case TextSegment t -> "'" + t.text() + "'";
            case FieldSegment f -> "{" + (f.width() == 0 ? "" : f.width() + ":") + arg(f.operand()) + "|"
                    + f.token() + "}";
        }).collect(Collectors.joining(" "));
    }

    private static String arg(TransformerArg a) {
        return switch (a) {
            case FieldRef f -> f.text();
            case Literal l -> l.quoted() ? "\"" + l.text() + "\"" : l.text();
            case TransformerList l -> "(" + l.items().stream().map(OutputFormatParserTest::arg)
                    .collect(Collectors.joining(",")) + ")";
            case Transformer t -> t.name() + "(" + t.args().stream().map(OutputFormatParserTest::arg)
                    .collect(Collectors.joining(",")) + ")";
        };
    }

    static Stream<Arguments> validFormats() {
        return Stream.of(
                Arguments.of("%proc.name", "{proc.name|proc.name}"),
                Arguments.of("cmd=%proc.cmdline user=%user.name",
                        "'cmd=' {proc.cmdline|proc.cmdline} ' user=' {user.name|user.name}"),
                Arguments.of("%proc.nameand", "{proc.name|proc.name} 'and'"),
                Arguments.of("%ka.target.name/%ka.target.resource",
                        "{ka.target.name|ka.target.name} '/' {ka.target.resource|ka.target.resource}"),
                Arguments.of("%proc.name%proc.pname", "{proc.name|proc.name} {proc.pname|proc.pname}"),
                Arguments.of("(%proc.name)", "'(' {proc.name|proc.name} ')'"),
                Arguments.of("%proc.aname[2] x", "{proc.aname[2]|proc.aname[2]} ' x'"),
                Arguments.of("%jevt.value[/spec] y", "{jevt.value[/spec]|jevt.value[/spec]} ' y'"),
                Arguments.of("%proc.name[ x", "{proc.name|proc.name} '[ x'"),
                Arguments.of("%proc.name.", "{proc.name|proc.name} '.'"),
                Arguments.of("%10proc.name|", "{10:proc.name|proc.name} '|'"),
                Arguments.of("*%proc.name", "{proc.name|proc.name}"),
                Arguments.of("**%proc.name", "'*' {proc.name|proc.name}"),
                Arguments.of("%toupper( proc.name ) x", "{toupper(proc.name)|toupper( proc.name )} ' x'"),
                Arguments.of("%tolower(basename(proc.name))", "{tolower(basename(proc.name))|tolower(basename(proc.name))}"),
                Arguments.of("%join(\",\", (proc.name, proc.pname))!",
                        "{join(\",\",(proc.name,proc.pname))|join(\",\", (proc.name, proc.pname))} '!'"),
                Arguments.of("no tokens at all", "'no tokens at all'"),
                Arguments.of("*", ""));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validFormats")
    void validFormatSplitsIntoExpectedSegments(String format, String expected) throws Exception {
        assertEquals(expected, render(OutputFormatParser.parse(format, KNOWN)));
    }

    static Stream<Arguments> invalidFormats() {
        String unknown = "unknown filter: unexpected token after '";
        return Stream.of(
                Arguments.of("", "empty formatting token"),
                Arguments.of("abc %", "invalid formatting syntax: formatting cannot end with a %"),
                Arguments.of("abc %10", "invalid formatting syntax: formatting cannot end with a number"),
                Arguments.of("%(proc.name)", unknown),
                Arguments.of("100%% sure", unknown),
                Arguments.of("% proc.name", unknown),
                Arguments.of("%val(proc.name)", unknown),
                Arguments.of("%not_a_real_field", unknown),
                Arguments.of("%proc.nobody and more", unknown),
                Arguments.of("%toupper(proc.nobody)", unknown),
                Arguments.of("%toupper (proc.name)", unknown));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidFormats")
    void invalidFormatFailsWithFalcoMessage(String format, String message) {
        OutputFormatException e = assertThrows(OutputFormatException.class,
                () -> OutputFormatParser.parse(format, KNOWN));
        assertEquals(message, e.getMessage());
    }

    @Test
    void unknownTokenAlsoCarriesTheLegacyMessageWithTheRestOfTheFormat() {
        OutputFormatException e = assertThrows(OutputFormatException.class,
                () -> OutputFormatParser.parse("seen %bad.field here", KNOWN));
        assertEquals("invalid formatting token bad.field here", e.legacyMessage());
    }

    @Test
    void legacyInvalidRuleOutputCaseMatchesTheManifestThroughTheLegacyMessage() throws IOException {
        String shared = System.getProperty("peregrine.shared");
        Path compat = shared == null ? null : Path.of(shared, "compat");
        Assumptions.assumeTrue(compat != null && Files.isRegularFile(compat.resolve("cases.yaml")),
                "skipped: the shared conformance corpus (system property peregrine.shared) is absent");
        String output = null;
        try (Reader r = Files.newBufferedReader(compat.resolve("legacy/rules/invalid_rule_output.yaml"))) {
            for (Object item : (List<?>) yaml().load(r)) {
                if (item instanceof Map<?, ?> m && "rule_with_invalid_output".equals(m.get("rule"))) {
                    output = (String) m.get("output");
                }
            }
        }
        String expected = manifestMessage(compat, "invalid_rule_output");
        String format = output;
        OutputFormatException e = assertThrows(OutputFormatException.class,
                () -> OutputFormatParser.parse(format, KNOWN));
        // Current libs print the first text; the manifest (from the Go port of the legacy suite)
        // still expects the second, which older libs printed.
        assertEquals("unknown filter: unexpected token after '", e.getMessage());
        assertEquals(expected, e.legacyMessage());
    }

    private static String manifestMessage(Path compat, String caseName) throws IOException {
        try (Reader r = Files.newBufferedReader(compat.resolve("cases.yaml"))) {
            Map<?, ?> manifest = (Map<?, ?>) yaml().load(r);
            for (Object c : (List<?>) manifest.get("cases")) {
                Map<?, ?> entry = (Map<?, ?>) c;
                if (caseName.equals(entry.get("name"))) {
                    Map<?, ?> expect = (Map<?, ?>) entry.get("expect");
                    return (String) ((Map<?, ?>) ((List<?>) expect.get("errors")).get(0)).get("message");
                }
            }
        }
        throw new AssertionError("case " + caseName + " not in the manifest");
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }
}
