package dev.peregrine.benchmarks;

import dev.peregrine.platform.engine.Ruleset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold load and compile of falco_rules + incubating + sandbox: one shot per fresh JVM, so class
 * loading, the parser's first use and an unwarmed JIT are all inside the measurement.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
public class RulesLoadBenchmark {

    private Map<String, String> texts;

    @Setup
    public void readFiles() {
        texts = UpstreamRules.read();
    }

    @Benchmark
    public Ruleset coldLoadAndCompileUpstreamSyscallRules() {
        return UpstreamRules.load(texts, new SyntheticSyscallFields().catalog());
    }
}
