package dev.peregrine.platform.boot;

/** The {@code --help} text, grouped the way people look for things. */
final class HelpText {

    private HelpText() {
    }

    static String text() {
        return """
                Peregrine: Falco-compatible runtime threat detection on the JVM.
                Usage:
                  peregrine [OPTION...]

                Configuration:
                  -c <path>                  Configuration file (default: the distribution's falco.yaml,
                                             else /etc/falco/falco.yaml).
                  -o, --option <key>=<val>   Set a configuration key, e.g. -o json_output=true,
                                             -o rules[].disable.rule=*, -o 'append_output[]={...}'.
                                             Repeatable; the last value of a key wins.
                  -r <path>                  Rules file or directory; repeatable. Replaces rules_files.
                  -U, --unbuffered           Flush every alert (buffered_outputs=false).
                  --config-schema            Print the configuration's JSON schema and exit.
                  --rule-schema              Print the rules files' JSON schema and exit.

                Event sources:
                  --enable-source <source>   Run only the given sources; repeatable.
                  --disable-source <source>  Do not run the given source; repeatable.
                  -M <seconds>               Stop after this many seconds of event time.
                  -w, --write <file>         Record the syscall events read (live or replayed) as a
                                             .scap capture file (engine.write_file).
                  --dry-run                  Start up without outputs or events, then exit.

                Rules:
                  -V, --validate <file>      Validate rules files (with -o json_output=true as JSON)
                                             and exit; repeatable, loaded in order.
                  -L                         List the loaded rules and exit.
                  -l <rule>                  Describe one rule and exit.

                Fields, events and plugins:
                  --list[=<source>]          List the fields of every (or one) event source and exit.
                  -N                         With --list: names only.
                  --list-events              List the syscall event types and exit.
                  --format <text|markdown|json>  Format of --list and --list-events.
                  --list-plugins             List the loaded plugins and exit.
                  --plugin-info <name|path>  Describe one configured plugin and exit.

                Run:
                  -P, --pidfile <path>       Write our process id to this file.
                  -v                         Print statistics at the end of the run.
                  -p, --print <format>       Deprecated: append <format> to every rule output
                                             (use -o append_output[].extra_output=...).

                Information:
                  -h, --help                 Print this help and exit.
                  --version                  Print versions and exit (JSON with json_output).
                  --support                  Print a support bundle (versions, configuration, rules)
                                             as JSON and exit.
                  --page-size                Print the system page size and exit.

                Legacy flags (accepted with a deprecation warning):
                  -e <file>, --modern-bpf, --nodriver, -g/--gvisor-config, --gvisor-root,
                  --list-syscall-events, -A, -S/--snaplen, -b/--print-base64, -D <substring>,
                  -T <tag>, -t <tag>, -s <file>, --stats-interval <ms>;
                  ignored: -k, -K, --k8s-node, --cri, --disable-cri-async, -u, -d.

                Exit status: 0 on success, 1 on any error, 255 when the pidfile cannot be written.
                """;
    }
}
