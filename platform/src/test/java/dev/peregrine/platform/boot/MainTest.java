package dev.peregrine.platform.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Properties properties = new Properties();
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), Map.of("FALCO_HOSTNAME", "test-host")::get, properties, false,
                dev.peregrine.platform.plugin.JarPluginProvider::new).run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path config(String yaml) throws IOException {
        Path file = dir.resolve("falco.yaml");
        Files.writeString(file, "stdout_output:\n  enabled: true\nlog_stderr: true\nlog_syslog: false\n"
                + "platform:\n  plugins_dir: " + dir.resolve("plugins") + "\n" + yaml);
        return file;
    }

    private Path rules(String yaml) throws IOException {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void helpPrintsGroupedUsageAndExitsZero() {
        assertEquals(0, run("--help"));
        assertTrue(stdout().startsWith("Peregrine: Falco-compatible"));
        assertTrue(stdout().contains("--enable-source"));
    }

    @Test
    void versionPrintsOurVersionsAsTextOrJson() {
        assertEquals(0, run("--version"));
        assertTrue(stdout().contains("Plugin API:    1.0.0\nEngine:        0.63.0\n"), stdout());
        out.reset();
        assertEquals(0, run("--version", "-o", "json_output=true"));
        assertTrue(stdout().startsWith("{\"default_driver_version\":\"0.1.0\",\"driver_api_version\":\"10.1.0\",\"driver_schema_version\":\"4.5.1\""), stdout());
        assertTrue(stdout().contains("\"engine_version\":\"63\",\"engine_version_semver\":\"0.63.0\""));
    }

    @Test
    void missingConfigFileExitsOneWithFalcoMessage() {
        assertEquals(1, run("-c", "missing.yaml"));
        assertEquals("Error: Could not find configuration file at missing.yaml\n", stderr());
        assertEquals("", stdout());
    }

    @Test
    void malformedOptionExitsOneWithoutStackTrace() {
        assertEquals(1, run("-o", "foo"));
        assertEquals("Error: Error parsing config option \"foo\". Must be of the form key=val or key.subkey=val\n",
                stderr());
    }

    @Test
    void fatalConfigErrorsExitOne() throws IOException {
        assertEquals(1, run("-c", config("engine:\n  kind: nope\n").toString()));
        assertTrue(stderr().endsWith("Error: Error reading config file (" + dir.resolve("falco.yaml")
                + "): engine.kind 'nope' is not a valid kind.\n"), stderr());
    }

    @Test
    void unknownConfigKeyOnlyWarns() throws IOException {
        Path rules = rules("- rule: r\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n");
        assertEquals(0, run("-c", config("foo: 1\n").toString(), "-r", rules.toString(), "--dry-run"));
        assertTrue(stderr().contains("schema validation: failed for <root>"), stderr());
    }

    @Test
    void driverEngineWithoutSyscallPluginWarnsAndRunsAsNodriver() throws IOException {
        Path rules = rules("- list: l\n  items: [a]\n");
        assertEquals(0, run("-c", config("").toString(), "-r", rules.toString(), "--dry-run"));
        assertTrue(stderr().contains("engine.kind 'kmod' needs a syscall capture plugin, and none is installed; "
                + "running as 'nodriver'"), stderr());
        err.reset();
        assertEquals(0, run("-c", config("engine:\n  kind: nodriver\n").toString(), "-r", rules.toString(),
                "--dry-run"));
        assertFalse(stderr().contains("needs a syscall capture plugin"), stderr());
    }

    @Test
    void noRulesFileExitsOne() throws IOException {
        assertEquals(1, run("-c", config("").toString(), "--dry-run"));
        assertTrue(stderr().endsWith("Error: You must specify at least one rules file/directory via -r or a "
                + "rules_file entry in falco.yaml\n"), stderr());
    }

    @Test
    void noConfigAtAllIsRequiredForARun() {
        assertEquals(1, run("--dry-run"));
        assertTrue(stderr().contains("You must create a config file at /etc/falco/falco.yaml or by passing -c")
                || stderr().startsWith("Error: "), stderr());
    }

    @Test
    void validateReportsEachFileAndExitCodeFollowsValidity() throws IOException {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, "- list: l\n  items: [a]\n- macro: m\n  condition: evt.num > 0\n");
        Path warned = rules("- list: unused\n  items: [a]\n");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "- rule: r\n  desc: d\n");
        assertEquals(0, run("-c", config("").toString(), "-V", warned.toString()));
        assertEquals(warned + ": Ok, with warnings\n", stdout());
        assertTrue(stderr().contains("Validating rules file(s):"), stderr());
        out.reset();
        assertEquals(1, run("-c", config("").toString(), "-V", warned.toString(), "-V", bad.toString()));
        assertTrue(stdout().startsWith(warned + ": Ok, with warnings\n" + bad + ": Invalid"), stdout());
        assertTrue(stderr().contains("Error: " + warned + ": Ok, with warnings\n" + bad + ": Invalid"), stderr());
    }

    @Test
    void validatingAConfigurationFileGivesAHint() throws IOException {
        Path conf = config("");
        assertEquals(1, run("-c", conf.toString(), "-V", conf.toString()));
        assertTrue(stdout().contains("Hint: --validate expects a rules file"), stdout());
    }

    @Test
    void validateInJsonModePrintsTheLoadResultsObject() throws IOException {
        Path good = rules("- list: l\n  items: [a]\n");
        assertEquals(0, run("-c", config("json_output: true\n").toString(), "-V", good.toString()));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(stdout());
        assertEquals(good.toString(), json.get("falco_load_results").get(0).get("name").asText());
        assertTrue(json.get("falco_load_results").get(0).get("successful").asBoolean());
        assertEquals(1, stdout().lines().count());
    }

    @Test
    void unwritablePidfileExitsWith255() throws IOException {
        Path rules = rules("- list: l\n  items: [a]\n");
        assertEquals(255, run("-c", config("").toString(), "-r", rules.toString(), "-P",
                dir.resolve("no/such/dir/pid").toString()));
        assertTrue(stderr().contains("Could not write pid to pidfile " + dir.resolve("no/such/dir/pid")
                + ". Exiting."), stderr());
    }

    @Test
    void legacySelectionFlagsWithRulesConfigFail() throws IOException {
        Path rules = rules("- list: l\n  items: [a]\n");
        assertEquals(1, run("-c", config("").toString(), "-r", rules.toString(), "-D", "x", "-o",
                "rules[].enable.rule=y", "--dry-run"));
        assertTrue(stderr().contains("Error: Specifying -D, -t, -T command line options together with \"rules:\""),
                stderr());
    }

    @Test
    void dryRunPrintsNoSummary() throws IOException {
        Path rules = rules("- list: l\n  items: [a]\n");
        assertEquals(0, run("-c", config("").toString(), "-r", rules.toString(), "--dry-run"));
        assertFalse(stdout().contains("Events detected"), stdout());
    }

    @Test
    void noEnabledOutputFailsWhenOutputsStart() throws IOException {
        Path rules = rules("- list: l\n  items: [a]\n");
        Path file = dir.resolve("quiet.yaml");
        Files.writeString(file, "log_syslog: false\nplatform:\n  plugins_dir: " + dir.resolve("plugins") + "\n");
        assertEquals(0, run("-c", file.toString(), "--version"));
        assertEquals(1, run("-c", file.toString(), "-r", rules.toString()));
        assertTrue(stderr().endsWith("Error: No output configured, please make sure at least one output is configured "
                + "and enabled.\n"), stderr());
    }

    @Test
    void runWithoutSourcesDrainsAndPrintsTheSummary() throws IOException {
        Path rules = rules("- list: l\n  items: [a]\n");
        Path pid = dir.resolve("falco.pid");
        assertEquals(0, run("-c", config("").toString(), "-r", rules.toString(), "-P", pid.toString()));
        assertEquals("Events detected: 0\nRule counts by severity:\nTriggered rules by rule name:\n", stdout());
        assertEquals(Long.toString(ProcessHandle.current().pid()), Files.readString(pid));
        assertTrue(stderr().contains("Hostname value has been overridden via environment variable to: test-host"),
                stderr());
    }

    @Test
    void configSchemaIsJson() throws IOException {
        assertEquals(0, run("--config-schema"));
        assertTrue(stdout().startsWith("{\"$schema\""));
        assertTrue(stdout().contains("\"syscall_event_drops\""));
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(stdout());
    }
}
