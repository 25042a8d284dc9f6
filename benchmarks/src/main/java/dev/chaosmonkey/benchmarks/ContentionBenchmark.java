package dev.chaosmonkey.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.Injection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of decisions on one shared instance with a rule that fires half the time ({@code p=0.5}): the rule's
 * counters and random draws are shared state, so this is where contention would show. {@link BenchmarkSuite} runs it
 * with 1 and with 2 threads; the 2-thread total should not fall below the 1-thread figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ContentionBenchmark {
    /** The armed rule. */
    public static final String SPEC = "jdbc sql~\"(?i)^select\" -> exception p=0.5 for=1h";

    private ChaosMonkey monkey;

    /** Creates, enables and arms the shared instance. */
    @Setup(Level.Trial)
    public void setUp() {
        monkey = ChaosMonkey.create();
        monkey.enable();
        monkey.arm(SPEC);
    }

    /** Releases the instance. */
    @TearDown(Level.Trial)
    public void tearDown() {
        monkey.close();
    }

    /** One decision; half of them return an injection (not performed: the decision is what is shared). */
    @Benchmark
    public Injection decideArmedHalf() {
        return monkey.decideJdbc("query", H2Database.QUERY, "jdbc:h2:mem:contention");
    }
}
