package dev.chaosmonkey.benchmarks;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

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

/**
 * Per-lookup cost of the dns point: {@code InetAddress.getByName("localhost")}, answered from the JDK's address cache
 * (so the woven {@code getAllByName0} is most of the call), without the agent, under it with nothing armed after the
 * lookup was woven ({@code DISARMED}), and with a {@code dns} rule for another name ({@code NON_MATCHING}: the lookup
 * walks its stack for the chaos machinery, then is decided and does not match).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DnsLookupBenchmark {
    /** {@code NO_AGENT}, {@code DISARMED} or {@code NON_MATCHING}. */
    @Param({"NO_AGENT"})
    public String scenario;

    /** Resolves once, and with the agent proves the lookup is woven. */
    @Setup(Level.Trial)
    public void setUp() throws UnknownHostException {
        InetAddress.getByName("localhost");
        if (scenario.equals("NO_AGENT")) {
            return;
        }
        ChaosMonkey global = ChaosMonkey.global();
        String prime = global.arm("dns host=localhost -> exception p=0 for=1h");
        InetAddress.getByName("localhost");
        long matched = global.rule(prime).map(RuleInfo::getMatched).orElse(0L);
        global.disarm(prime);
        if (matched != 1) {
            throw new IllegalStateException("a p=0 dns rule saw " + matched + " lookups instead of 1: the lookup is"
                    + " not woven by the chaos agent (is it attached?)");
        }
        if (scenario.equals("NON_MATCHING")) {
            global.arm("dns host=unreachable.invalid -> exception for=1h");
        } else if (!scenario.equals("DISARMED")) {
            throw new IllegalArgumentException("unknown scenario " + scenario);
        }
    }

    /** One cached lookup of a name. */
    @Benchmark
    public InetAddress cachedLookup() throws UnknownHostException {
        return InetAddress.getByName("localhost");
    }
}
