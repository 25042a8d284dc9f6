package dev.chaosmonkey.benchmarks;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import com.example.bench.WovenTarget;
import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.RuleInfo;
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
 * Per-call cost of calls the agent weaves: H2 {@code PreparedStatement.executeQuery} and {@link WovenTarget#mix}.
 * The same code runs in forks without an agent, with the chaos agent (rules armed through its options, see
 * {@link Scenario#agentOptions()}) and with Byteman; {@link BenchmarkSuite} sets the forks' JVM arguments.
 *
 * <p>{@code expectedRules} is the number of rules the fork's agent options armed: the setup fails when the global
 * instance disagrees, so a mis-attached agent cannot produce a plausible-looking row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WovenCallBenchmark {

    /** The scenario label of this fork (informational; the agent options did the arming). */
    @Param({"DISARMED"})
    public String scenario;

    /** Rules the fork must see armed, -1 to skip the check (no chaos agent). */
    @Param({"-1"})
    public int expectedRules;

    /** Whether the fork runs under Byteman: the setup then proves Byteman's rules are injected. */
    @Param({"false"})
    public boolean expectByteman;

    /**
     * With the chaos agent: before measuring, arm a p=0 rule on each measured call, make one call, check the rule
     * saw it (proof the call is woven) and disarm it. The agent weaves a method only once a rule names it and keeps
     * it woven afterwards, so this is what puts {@link WovenTarget#mix} in the woven-but-disarmed state.
     */
    @Param({"false"})
    public boolean primeWeaving;

    private H2Database database;
    private WovenTarget target;
    private int key;

    /** Opens the database and checks the armed state the fork was started with. */
    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        if (expectedRules >= 0) {
            int armed = ChaosMonkey.global().rules().size();
            if (armed != expectedRules) {
                throw new IllegalStateException("scenario " + scenario + " expects " + expectedRules
                        + " armed rules but the global chaos monkey has " + armed + ": is the agent attached?");
            }
        }
        target = new WovenTarget();
        if (primeWeaving) {
            // the first rule makes the agent weave (nothing is woven while nothing was ever armed); the database is
            // opened after it, so that its statement is prepared through the woven driver and its SQL is known to
            // the jdbc sql matcher (the SQL of statements prepared before the first weaving is not)
            prime("method class=" + WovenTarget.CLASS_NAME + " method=" + WovenTarget.METHOD_NAME
                    + " -> exception p=0 for=1h", () -> target.mix(0));
        }
        database = H2Database.open("woven");
        if (primeWeaving) {
            prime("jdbc sql~\"^SELECT v FROM kv\" -> exception p=0 for=1h", () -> database.lookup(0));
        }
        if (expectByteman) {
            // BytemanRules arms a firing rule on WovenTarget.unused that sets this property
            target.unused(0);
            if (!"true".equals(System.getProperty(BytemanRules.ACTIVE_PROPERTY))) {
                throw new IllegalStateException("Byteman rules are not injected: is the Byteman agent attached?");
            }
        }
    }

    /** A call made once while priming. */
    @FunctionalInterface
    interface Call {
        void run() throws SQLException;
    }

    private static void prime(String spec, Call call) throws SQLException {
        ChaosMonkey global = ChaosMonkey.global();
        String id = global.arm(spec);
        try {
            call.run();
            long matched = global.rule(id).map(RuleInfo::getMatched).orElse(0L);
            if (matched != 1) {
                throw new IllegalStateException("priming rule '" + spec + "' saw " + matched
                        + " calls instead of 1: the call is not woven by the chaos agent");
            }
        } finally {
            global.disarm(id);
        }
    }

    /** Closes the database. */
    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        database.close();
    }

    /** One woven JDBC query (plus result-set read) on an in-memory table. */
    @Benchmark
    public int h2ExecuteQuery() throws SQLException {
        return database.lookup(key++);
    }

    /** One woven call of a trivial method. */
    @Benchmark
    public int trivialMethod() {
        return target.mix(key++);
    }
}
