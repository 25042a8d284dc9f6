package dev.chaosmonkey.benchmarks;

import java.util.concurrent.TimeUnit;

import com.example.bench.WovenTarget;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.Injection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cost of the decision alone, without any agent: what woven advice calls on every intercepted call once the point
 * is armed. An isolated {@link ChaosMonkey} instance per trial, enabled, with the {@link Scenario}'s rules.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CoreDecisionBenchmark {
    private static final String SQL = H2Database.QUERY;
    private static final String URL = "jdbc:h2:mem:core";

    /** What is armed. */
    @Param({"DISARMED", "OTHER_POINT", "NON_MATCHING", "P_ZERO"})
    public Scenario scenario;

    private ChaosMonkey monkey;

    /** Creates, enables and arms the instance. */
    @Setup(Level.Trial)
    public void setUp() {
        monkey = ChaosMonkey.create();
        monkey.enable();
        for (String spec : scenario.specs()) {
            monkey.arm(spec);
        }
    }

    /** Releases the instance. */
    @TearDown(Level.Trial)
    public void tearDown() {
        monkey.close();
    }

    /** The JDBC decision for the benchmark query. */
    @Benchmark
    public Injection decideJdbc() {
        return monkey.decideJdbc("query", SQL, URL);
    }

    /** The method decision for {@link WovenTarget#mix}. */
    @Benchmark
    public Injection decideMethod() {
        return monkey.decideMethod(WovenTarget.CLASS_NAME, WovenTarget.METHOD_NAME);
    }
}
