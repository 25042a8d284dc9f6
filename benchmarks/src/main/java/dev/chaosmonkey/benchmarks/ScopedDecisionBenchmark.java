package dev.chaosmonkey.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.ChaosScope;
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
 * What a scoped rule adds to a JDBC decision, next to the same rule unscoped ({@link ScopeCase}). Each case arms one
 * {@code p=0} rule matching every measured call, so the rule is evaluated on each call and never fires. The
 * measuring thread opens its scope once per iteration (a JMH thread-scoped state), as a test or a request would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ScopedDecisionBenchmark {
    private static final String SQL = H2Database.QUERY;
    private static final String URL = "jdbc:h2:mem:core";

    /** What is armed and where the measuring thread stands. */
    @Param({"UNSCOPED", "SCOPED_OUTSIDE", "SCOPED_INSIDE"})
    public ScopeCase scenario;

    private ChaosMonkey monkey;
    private ChaosScope open;

    /** Creates, enables and arms the instance. */
    @Setup(Level.Trial)
    public void setUp() {
        monkey = ChaosMonkey.create();
        monkey.enable();
        monkey.arm(scenario.spec);
    }

    /** Opens the scope of the case on the measuring thread. */
    @Setup(Level.Iteration)
    public void enterScope() {
        open = scenario.inside ? monkey.openScope("bench") : null;
    }

    /** Closes it again. */
    @TearDown(Level.Iteration)
    public void leaveScope() {
        if (open != null) {
            open.close();
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

    /** The cases: the rule and whether the measuring thread is inside its scope. */
    public enum ScopeCase {
        /** An unscoped {@code p=0} rule: the baseline, what {@link Scenario#P_ZERO} measures. */
        UNSCOPED("unscoped rule, p=0", "jdbc -> exception(java.sql.SQLException, \"bench\") p=0 for=1h", false),
        /** The same rule scoped, the caller outside any scope: one thread-local read, the rule is passed over. */
        SCOPED_OUTSIDE("scoped rule, caller outside the scope",
                "jdbc -> exception(java.sql.SQLException, \"bench\") p=0 for=1h scope=bench", false),
        /** The same rule scoped, the caller inside its scope: one thread-local read, then evaluated as unscoped. */
        SCOPED_INSIDE("scoped rule, caller inside the scope",
                "jdbc -> exception(java.sql.SQLException, \"bench\") p=0 for=1h scope=bench", true);

        private final String label;
        private final String spec;
        private final boolean inside;

        ScopeCase(String label, String spec, boolean inside) {
            this.label = label;
            this.spec = spec;
            this.inside = inside;
        }

        /** Human-readable description for reports. */
        public String label() {
            return label;
        }
    }
}
