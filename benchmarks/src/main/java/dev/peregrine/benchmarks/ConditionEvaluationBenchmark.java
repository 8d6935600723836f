package dev.peregrine.benchmarks;

import dev.peregrine.platform.engine.MatchSink;
import dev.peregrine.platform.engine.Ruleset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The upstream syscall rule set (falco_rules + incubating + sandbox) evaluated against synthetic
 * events that match no rule — the common case on a real host. Reports ns per event, per event kind.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConditionEvaluationBenchmark {

    private static final int EVENTS = 256;
    private static final MatchSink IGNORE = (source, rule, event) -> { };

    @Param({"openat", "execve", "connect", "close", "read", "mix"})
    public String kind;

    private Ruleset ruleset;
    private SyntheticSyscallFields.SyntheticEvent[] events;

    @Setup
    public void setUp() {
        SyntheticSyscallFields fields = new SyntheticSyscallFields();
        ruleset = UpstreamRules.load(UpstreamRules.read(), fields.catalog());
        List<String> kinds = kind.equals("mix") ? List.of("openat", "execve", "connect", "close", "read") : List.of(kind);
        events = new SyntheticSyscallFields.SyntheticEvent[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            String k = kinds.get(i % kinds.size());
            events[i] = fields.event(i + 1, fields.exitCode(k), values(k, i));
        }
        List<String> matched = new ArrayList<>();
        for (SyntheticSyscallFields.SyntheticEvent event : events) {
            ruleset.forEachMatch("syscall", event, (source, rule, e) -> matched.add(rule.name()));
        }
        if (!matched.isEmpty()) {
            throw new IllegalStateException("synthetic events are meant to match no rule, but matched " + matched);
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int evaluateEventsThatMatchNoRule() {
        int matches = 0;
        for (SyntheticSyscallFields.SyntheticEvent event : events) {
            matches += ruleset.forEachMatch("syscall", event, IGNORE);
        }
        return matches;
    }

    /** Plausible field values of a benign event of each kind on a web server host. */
    private static Map<String, Object> values(String kind, int i) {
        String[] workers = {"nginx", "php-fpm", "node", "java"};
        String proc = workers[i % workers.length];
        Map<String, Object> v = new HashMap<>();
        v.put("evt.type", kind);
        v.put("evt.dir", "<");
        v.put("evt.failed", false);
        v.put("evt.res", "SUCCESS");
        v.put("evt.rawres", 3L);
        v.put("proc.name", proc);
        v.put("proc.exe", "/usr/sbin/" + proc);
        v.put("proc.exepath", "/usr/sbin/" + proc);
        v.put("proc.pname", "systemd");
        v.put("proc.aname[2]", "");
        v.put("proc.cmdline", proc + " --serve");
        v.put("proc.args", "--serve");
        v.put("proc.pid", 1000L + i);
        v.put("proc.ppid", 1L);
        v.put("proc.tty", 0L);
        v.put("proc.sid", 1000L + i);
        v.put("proc.vpgid", 1000L + i);
        v.put("proc.is_exe_writable", false);
        v.put("proc.is_exe_upper_layer", false);
        v.put("proc.is_exe_from_memfd", false);
        v.put("user.name", "www-data");
        v.put("user.uid", 33L);
        v.put("user.loginuid", -1L);
        v.put("group.gid", 33L);
        v.put("container.id", "host");
        v.put("container.name", "host");
        v.put("container.image.repository", "");
        switch (kind) {
            case "openat" -> {
                v.put("evt.is_open_read", true);
                v.put("evt.is_open_write", false);
                v.put("evt.is_open_exec", false);
                v.put("fd.name", "/var/www/html/index" + i + ".html");
                v.put("fd.directory", "/var/www/html");
                v.put("fd.filename", "index" + i + ".html");
                v.put("fd.typechar", "f");
                v.put("fd.type", "file");
                v.put("fd.num", 12L);
                v.put("evt.arg.flags", "O_RDONLY|O_CLOEXEC");
            }
            case "execve" -> {
                v.put("proc.name", "ls");
                v.put("proc.exe", "/usr/bin/ls");
                v.put("proc.exepath", "/usr/bin/ls");
                v.put("proc.pname", proc);
                v.put("proc.cmdline", "ls -l /var/www");
                v.put("proc.args", "-l /var/www");
                v.put("evt.arg.flags", "");
            }
            case "connect" -> {
                v.put("fd.name", "10.0.0.5:51234->10.0.0.9:5432");
                v.put("fd.typechar", "4");
                v.put("fd.type", "ipv4");
                v.put("fd.sip", "10.0.0.9");
                v.put("fd.sport", 5432L);
                v.put("fd.cip", "10.0.0.5");
                v.put("fd.l4proto", "tcp");
                v.put("fd.snet", "10.0.0.0/8");
                v.put("fd.rip", "10.0.0.9");
                v.put("fd.rport", 5432L);
            }
            case "close", "read" -> {
                v.put("fd.name", "/var/www/html/index" + i + ".html");
                v.put("fd.typechar", "f");
                v.put("fd.num", 12L);
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return v;
    }
}
