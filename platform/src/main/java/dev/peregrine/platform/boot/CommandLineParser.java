package dev.peregrine.platform.boot;

import dev.peregrine.platform.config.ConfigOverride;
import dev.peregrine.platform.config.PeregrineConfig.RuleSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses Falco's command line (0.44 flags plus the legacy ones, which are mapped with a deprecation
 * warning). Accepted spellings: {@code -o k=v}, {@code -ok=v}, {@code --option k=v}, {@code --option=k=v},
 * grouped short flags ({@code -AU}) and {@code --list[=<source>]}.
 */
public final class CommandLineParser {

    /** How an option takes its value. */
    private enum Arity { NONE, REQUIRED, OPTIONAL_EQUALS }

    private record Spec(String canonical, Arity arity) {
    }

    private static final Map<String, Spec> LONG = new LinkedHashMap<>();
    private static final Map<Character, Spec> SHORT = new LinkedHashMap<>();

    static {
        for (String[] row : new String[][] {
                {"help", "h", "0"}, {"config", "c", "1"}, {"config-schema", "", "0"}, {"rule-schema", "", "0"},
                {"disable-source", "", "1"}, {"enable-source", "", "1"}, {"dry-run", "", "0"},
                {"ignored-events", "i", "0"}, {"list-rules", "L", "0"}, {"describe-rule", "l", "1"},
                {"list", "", "="}, {"names-only", "N", "0"}, {"list-events", "", "0"}, {"format", "", "1"},
                {"markdown", "", "0"}, {"list-plugins", "", "0"}, {"plugin-info", "", "1"}, {"page-size", "", "0"},
                {"duration", "M", "1"}, {"option", "o", "1"}, {"print", "p", "1"}, {"pidfile", "P", "1"},
                {"rules", "r", "1"}, {"unbuffered", "U", "0"}, {"verbose", "v", "0"}, {"support", "", "0"},
                {"validate", "V", "1"}, {"version", "", "0"},
                // legacy
                {"trace-file", "e", "1"}, {"modern-bpf", "", "0"}, {"nodriver", "", "0"},
                {"gvisor-config", "g", "1"}, {"gvisor-root", "", "1"}, {"list-syscall-events", "", "0"},
                {"all-events", "A", "0"}, {"snaplen", "S", "1"}, {"print-base64", "b", "0"},
                {"disable-rules", "D", "1"}, {"disable-tag", "T", "1"}, {"enable-tag", "t", "1"},
                {"stats-file", "s", "1"}, {"stats-interval", "", "1"}, {"k8s-api", "k", "1"},
                {"k8s-api-cert", "K", "1"}, {"k8s-node", "", "1"}, {"cri", "", "1"}, {"disable-cri-async", "", "0"},
                {"userspace", "u", "0"}, {"daemon", "d", "0"},
                // Peregrine's own
                {"write", "w", "1"}}) {
            Arity arity = switch (row[2]) {
                case "0" -> Arity.NONE;
                case "1" -> Arity.REQUIRED;
                default -> Arity.OPTIONAL_EQUALS;
            };
            Spec spec = new Spec(row[0], arity);
            LONG.put(row[0], spec);
            if (!row[1].isEmpty()) {
                SHORT.put(row[1].charAt(0), spec);
            }
        }
    }

    /** One option occurrence. */
    private record Occurrence(String canonical, String spelled, String value) {
    }

    /** Parses {@code args}; throws {@link UsageException} with the message to print. */
    public CommandLine parse(String[] args) {
        List<Occurrence> occurrences = tokenize(args);
        Builder b = new Builder();
        for (Occurrence o : occurrences) {
            b.apply(o);
        }
        return b.build(List.of(args));
    }

    private static List<Occurrence> tokenize(String[] args) {
        List<Occurrence> out = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--") && arg.length() > 2) {
                String body = arg.substring(2);
                int eq = body.indexOf('=');
                String name = eq < 0 ? body : body.substring(0, eq);
                Spec spec = LONG.get(name);
                if (spec == null) {
                    throw new UsageException("Option '" + name + "' does not exist");
                }
                String value = null;
                if (eq >= 0) {
                    if (spec.arity() == Arity.NONE) {
                        throw new UsageException("Option '" + name + "' does not take an argument, but argument '"
                                + body.substring(eq + 1) + "' given");
                    }
                    value = body.substring(eq + 1);
                } else if (spec.arity() == Arity.REQUIRED) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("Option '" + name + "' is missing an argument");
                    }
                    value = args[++i];
                } else if (spec.arity() == Arity.OPTIONAL_EQUALS) {
                    value = "";
                }
                out.add(new Occurrence(spec.canonical(), "--" + name, value));
            } else if (arg.startsWith("-") && arg.length() > 1 && !arg.equals("--")) {
                for (int c = 1; c < arg.length(); c++) {
                    char letter = arg.charAt(c);
                    Spec spec = SHORT.get(letter);
                    if (spec == null) {
                        throw new UsageException("Option '" + letter + "' does not exist");
                    }
                    if (spec.arity() == Arity.NONE) {
                        out.add(new Occurrence(spec.canonical(), "-" + letter, null));
                        continue;
                    }
                    String value;
                    if (c + 1 < arg.length()) {
                        value = arg.substring(c + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new UsageException("Option '" + letter + "' is missing an argument");
                    }
                    out.add(new Occurrence(spec.canonical(), "-" + letter, value));
                    break;
                }
            } else {
                throw new UsageException("Unrecognized argument '" + arg
                        + "'; rules files are given with -r and configuration files with -c");
            }
        }
        return out;
    }

    /** Accumulates occurrences; legacy mapping lives here so it is visible in one place. */
    private static final class Builder {
        String configFile;
        final List<String> options = new ArrayList<>();
        final List<ConfigOverride> derived = new ArrayList<>();
        final List<RuleSelection> legacyRules = new ArrayList<>();
        final List<String> rulesFiles = new ArrayList<>();
        final List<String> validate = new ArrayList<>();
        final List<String> enable = new ArrayList<>();
        final List<String> disable = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final List<String> engineFlags = new ArrayList<>();
        final List<String> enableTags = new ArrayList<>();
        boolean disabledByFlag;
        String listRule;
        String listFields;
        String pluginInfo;
        String format;
        boolean markdown;
        long duration;
        String pidfile;
        String statsFile;
        String statsInterval;
        String printAdditional;
        boolean help, version, configSchema, ruleSchema, dryRun, ignored, listRules, namesOnly, listEvents,
                listPlugins, pageSize, unbuffered, verbose, support;

        void apply(Occurrence o) {
            String v = o.value();
            switch (o.canonical()) {
                case "help" -> help = true;
                case "config" -> configFile = v;
                case "config-schema" -> configSchema = true;
                case "rule-schema" -> ruleSchema = true;
                case "disable-source" -> disable.add(v);
                case "enable-source" -> enable.add(v);
                case "dry-run" -> dryRun = true;
                case "ignored-events" -> ignored = true;
                case "list-rules" -> listRules = true;
                case "describe-rule" -> listRule = v;
                case "list" -> listFields = v;
                case "names-only" -> namesOnly = true;
                case "list-events" -> listEvents = true;
                case "format" -> {
                    if (!v.equals("text") && !v.equals("markdown") && !v.equals("json")) {
                        throw new UsageException("Unsupported format '" + v + "': must be one of text, markdown, json");
                    }
                    format = v;
                }
                case "markdown" -> {
                    markdown = true;
                    warnings.add("The --markdown option is deprecated and will be removed. Use --format markdown "
                            + "instead.");
                }
                case "list-plugins" -> listPlugins = true;
                case "plugin-info" -> pluginInfo = v;
                case "page-size" -> pageSize = true;
                case "duration" -> duration = parseLong(o, v);
                case "option" -> options.add(v);
                case "print" -> print(v);
                case "pidfile" -> pidfile = v;
                case "rules" -> rulesFiles.add(v);
                case "unbuffered" -> unbuffered = true;
                case "verbose" -> verbose = true;
                case "support" -> support = true;
                case "validate" -> validate.add(v);
                case "version" -> version = true;
                case "trace-file" -> {
                    engine(o, "replay");
                    derived.add(override("engine.replay.capture_file", v));
                }
                case "write" -> derived.add(override("engine.write_file", v));
                case "modern-bpf" -> engine(o, "modern_ebpf");
                case "nodriver" -> engine(o, "nodriver");
                case "gvisor-config" -> {
                    engine(o, "gvisor");
                    derived.add(override("engine.gvisor.config", v));
                }
                case "gvisor-root" -> {
                    deprecated(o, "-o engine.gvisor.root=...");
                    derived.add(override("engine.gvisor.root", v));
                }
                case "list-syscall-events" -> {
                    deprecated(o, "--list-events");
                    listEvents = true;
                }
                case "all-events" -> {
                    deprecated(o, "-o base_syscalls.all=true");
                    derived.add(override("base_syscalls.all", "true"));
                }
                case "snaplen" -> {
                    deprecated(o, "-o falco_libs.snaplen=...");
                    parseLong(o, v);
                    derived.add(override("falco_libs.snaplen", v));
                }
                case "print-base64" -> {
                    deprecated(o, "-o buffer_format_base64=true");
                    derived.add(override("buffer_format_base64", "true"));
                }
                case "disable-rules" -> {
                    deprecated(o, "-o rules[].disable.rule=...");
                    disabledByFlag = true;
                    legacyRules.add(new RuleSelection(false, "*" + v + "*", null));
                }
                case "disable-tag" -> {
                    deprecated(o, "-o rules[].disable.tag=...");
                    disabledByFlag = true;
                    legacyRules.add(new RuleSelection(false, null, v));
                }
                case "enable-tag" -> {
                    deprecated(o, "-o rules[].enable.tag=...");
                    enableTags.add(v);
                }
                case "stats-file" -> {
                    deprecated(o, "-o metrics.enabled=true -o metrics.output_file=...");
                    statsFile = v;
                }
                case "stats-interval" -> {
                    deprecated(o, "-o metrics.interval=...");
                    parseLong(o, v);
                    statsInterval = v;
                }
                case "k8s-api", "k8s-api-cert", "k8s-node", "cri", "disable-cri-async", "userspace", "daemon" ->
                        warnings.add("The " + o.spelled() + " option is no longer supported and is ignored.");
                default -> throw new IllegalStateException("unhandled option " + o.canonical());
            }
        }

        /** Like Falco, only the last {@code -p} counts. */
        private void print(String v) {
            printAdditional = v;
        }

        private void applyPrint() {
            if (printAdditional == null) {
                return;
            }
            warnings.add("The -p/--print option is deprecated and will be removed. Use -o append_output=... instead.");
            String v = printAdditional;
            if (v.equals("c") || v.equals("container") || v.equals("k") || v.equals("kubernetes")) {
                return;
            }
            derived.add(new ConfigOverride("append_output[]=<-p " + v + ">",
                    List.of(new ConfigOverride.Segment("append_output", ConfigOverride.APPEND)),
                    Map.of("extra_output", v)));
        }

        private void engine(Occurrence o, String kind) {
            engineFlags.add(o.spelled());
            if (engineFlags.size() > 1) {
                throw new UsageException("You can not specify more than one of -e, -g (--gvisor-config), "
                        + "--modern-bpf, --nodriver");
            }
            deprecated(o, "-o engine.kind=" + kind);
            derived.add(override("engine.kind", kind));
        }

        private void deprecated(Occurrence o, String replacement) {
            warnings.add("The " + o.spelled() + " option is deprecated and will be removed. Use " + replacement
                    + " instead.");
        }

        private static long parseLong(Occurrence o, String v) {
            try {
                long parsed = Long.parseLong(v.strip());
                if (parsed < 0) {
                    throw new NumberFormatException();
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new UsageException("Argument '" + v + "' of option " + o.spelled()
                        + " failed to parse: it must be a non-negative integer");
            }
        }

        private static ConfigOverride override(String key, Object value) {
            List<ConfigOverride.Segment> segments = new ArrayList<>();
            for (String part : key.split("\\.")) {
                segments.add(new ConfigOverride.Segment(part, ConfigOverride.NO_INDEX));
            }
            return new ConfigOverride(key + "=" + value, segments, value);
        }

        CommandLine build(List<String> args) {
            applyPrint();
            if (!enable.isEmpty() && !disable.isEmpty()) {
                throw new UsageException("You can not mix --enable-source and --disable-source");
            }
            if (!enableTags.isEmpty()) {
                if (disabledByFlag) {
                    throw new UsageException("You can not specify both disabled (-D/-T) and enabled (-t) rules");
                }
                legacyRules.add(new RuleSelection(false, "*", null));
                for (String tag : enableTags) {
                    legacyRules.add(new RuleSelection(true, null, tag));
                }
            }
            if (markdown && format != null) {
                throw new UsageException("--markdown and --format cannot be used together");
            }
            if (statsFile != null || statsInterval != null) {
                derived.add(override("metrics.enabled", "true"));
                if (statsFile != null) {
                    derived.add(override("metrics.output_file", statsFile));
                }
                derived.add(override("metrics.interval", (statsInterval == null ? "5000" : statsInterval) + "ms"));
            }
            if (unbuffered) {
                derived.add(override("buffered_outputs", "false"));
            }
            return new CommandLine(args, Optional.ofNullable(configFile), options, derived, legacyRules, rulesFiles,
                    validate, enable, disable, Optional.ofNullable(listRule), Optional.ofNullable(listFields),
                    Optional.ofNullable(pluginInfo), format != null ? format : markdown ? "markdown" : "text",
                    duration, Optional.ofNullable(pidfile), help, version, configSchema, ruleSchema, dryRun, ignored,
                    listRules, namesOnly, listEvents, listPlugins, pageSize, unbuffered, verbose, support, warnings);
        }
    }
}
