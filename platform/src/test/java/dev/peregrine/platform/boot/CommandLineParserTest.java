package dev.peregrine.platform.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peregrine.platform.config.ConfigOverride;
import dev.peregrine.platform.config.PeregrineConfig.RuleSelection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineParserTest {

    private static CommandLine parse(String... args) {
        return new CommandLineParser().parse(args);
    }

    private static String error(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    /** The configuration tree the derived overrides produce on an empty file. */
    private static Map<String, Object> derivedTree(CommandLine cli) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (ConfigOverride o : cli.derivedOverrides()) {
            o.applyTo(root);
        }
        return root;
    }

    @Test
    void optionsKeepOrderAndEverySpellingWorks() {
        CommandLine cli = parse("-o", "a=1", "-ob=2", "--option", "c=3", "--option=d=4,e=5");
        assertEquals(List.of("a=1", "b=2", "c=3", "d=4,e=5"), cli.options());
    }

    @Test
    void rulesFlagReplacesRulesFilesAndUnbufferedForcesFalse() {
        CommandLine cli = parse("-r", "a.yaml", "-r", "dir", "-U", "-c", "f.yaml");
        assertEquals(Optional.of("f.yaml"), cli.configFile());
        assertEquals(Map.of("buffered_outputs", "false"), derivedTree(cli));
        assertEquals(List.of("a.yaml", "dir"), cli.rulesFiles());
    }

    @Test
    void listTakesAnOptionalSourceOnlyAfterEquals() {
        assertEquals(Optional.of(""), parse("--list").listFields());
        assertEquals(Optional.of("syscall"), parse("--list=syscall").listFields());
        assertTrue(parse("--list", "-N").listFieldNamesOnly());
    }

    @Test
    void groupedShortFlagsAndAttachedValuesParse() {
        CommandLine cli = parse("-Uv", "-M5", "-Vx.yaml");
        assertTrue(cli.unbuffered());
        assertTrue(cli.verbose());
        assertEquals(5, cli.durationSeconds());
        assertEquals(List.of("x.yaml"), cli.validateFiles());
    }

    @Test
    void unknownOptionsAndMissingValuesAreUsageErrors() {
        assertEquals("Option 'bogus' does not exist", error("--bogus"));
        assertEquals("Option 'x' does not exist", error("-x"));
        assertEquals("Option 'r' is missing an argument", error("-r"));
        assertTrue(error("-M", "soon").contains("-M"));
    }

    @Test
    void mixingEnableAndDisableSourceFails() {
        assertEquals("You can not mix --enable-source and --disable-source",
                error("--enable-source", "syscall", "--disable-source", "k8s_audit"));
        assertEquals(List.of("a", "b"), parse("--enable-source", "a", "--enable-source=b").enableSources());
    }

    @Test
    void legacyTraceFileMapsToReplayWithAWarning() {
        CommandLine cli = parse("-e", "x.scap");
        assertEquals(Map.of("engine", Map.of("kind", "replay", "replay", Map.of("capture_file", "x.scap"))),
                derivedTree(cli));
        assertEquals(1, cli.warnings().size());
        assertTrue(cli.warnings().get(0).contains("deprecated"));
    }

    @Test
    void twoEngineFlagsFail() {
        assertTrue(error("-e", "x.scap", "--modern-bpf").startsWith("You can not specify more than one of"));
    }

    @Test
    void legacyCaptureAndFormatFlagsMapToConfigKeys() {
        CommandLine cli = parse("-A", "-S", "180", "-b", "--nodriver", "--list-syscall-events");
        assertEquals(Map.of("base_syscalls", Map.of("all", "true"), "falco_libs", Map.of("snaplen", "180"),
                "buffer_format_base64", "true", "engine", Map.of("kind", "nodriver")), derivedTree(cli));
        assertTrue(cli.listEvents());
        assertEquals(5, cli.warnings().size());
    }

    @Test
    void legacyRuleFlagsBecomeRuleSelections() {
        assertEquals(List.of(new RuleSelection(false, "*shell*", null), new RuleSelection(false, null, "net")),
                parse("-D", "shell", "-T", "net").legacyRuleSelections());
        assertEquals(List.of(new RuleSelection(false, "*", null), new RuleSelection(true, null, "a"),
                new RuleSelection(true, null, "b")), parse("-t", "a", "-t", "b").legacyRuleSelections());
        assertEquals("You can not specify both disabled (-D/-T) and enabled (-t) rules", error("-t", "a", "-D", "x"));
    }

    @Test
    void statsFlagsEnableMetricsToAFile() {
        assertEquals(Map.of("metrics", Map.of("enabled", "true", "output_file", "s.json", "interval", "2000ms")),
                derivedTree(parse("-s", "s.json", "--stats-interval", "2000")));
        assertEquals("5000ms", ((Map<?, ?>) derivedTree(parse("-s", "s.json")).get("metrics")).get("interval"));
    }

    @Test
    void printAppendsToEveryRuleAndOnlyTheLastOneCounts() {
        CommandLine cli = parse("-p", "x=%proc.name", "-p", "u=%user.name");
        assertEquals(Map.of("append_output", List.of(Map.of("extra_output", "u=%user.name"))), derivedTree(cli));
        assertEquals(List.of("The -p/--print option is deprecated and will be removed. Use -o append_output=... "
                + "instead."), cli.warnings());
    }

    @Test
    void printContainerAndKubernetesAreNoOpsThatStillWarn() {
        for (String flag : List.of("-pc", "-pcontainer", "-pk", "-pkubernetes")) {
            CommandLine cli = parse(flag);
            assertEquals(Map.of(), derivedTree(cli), flag);
            assertEquals(1, cli.warnings().size(), flag);
        }
    }

    @Test
    void ignoredLegacyFlagsWarnAndTheirValuesAreConsumed() {
        CommandLine cli = parse("-k", "http://api", "--cri", "/run/cri.sock", "-u", "-d");
        assertEquals(4, cli.warnings().size());
        assertFalse(cli.informational());
    }

    @Test
    void markdownWithFormatFails() {
        assertEquals("markdown", parse("--markdown").format());
        assertTrue(error("--markdown", "--format", "json").contains("--markdown"));
        assertTrue(error("--format", "yaml").startsWith("Unsupported format"));
    }

    @Test
    void strayArgumentsAreRejected() {
        assertTrue(error("rules.yaml").startsWith("Unrecognized argument 'rules.yaml'"));
    }
}
