package dev.chaosmonkey.junit.examples;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.Fault;
import dev.chaosmonkey.junit.FaultScope;
import org.junit.jupiter.api.Test;

/**
 * Run through EngineTestKit in parallel mode: experiments with a process-wide fault run alone, scoped experiments
 * and plain tests may overlap.
 */
public final class ParallelExamples {
    /** [start, end] nanos of each test body, by test. */
    public static final Map<String, long[]> INTERVALS = new ConcurrentHashMap<>();

    private ParallelExamples() {
    }

    static void hold(String name) {
        long start = System.nanoTime();
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);
        INTERVALS.put(name, new long[] {start, System.nanoTime()});
    }

    /** A scoped experiment (takes the chaos lock shared). */
    public static class ExperimentA {
        @Test
        @ChaosExperiment(faultWindow = "50ms", baseline = "10ms")
        @Fault("custom name=a -> delay(1ms)")
        void a() {
            hold("scoped");
        }
    }

    /** A GLOBAL experiment: its faults act on the whole JVM, it runs alone. */
    public static class ExperimentB {
        @Test
        @ChaosExperiment(faultWindow = "50ms", baseline = "10ms", scope = FaultScope.GLOBAL)
        @Fault("custom name=b -> delay(1ms)")
        void b() {
            hold("global");
        }
    }

    /** A resource fault cannot be scoped: the experiment runs alone. */
    public static class ExperimentC {
        @Test
        @ChaosExperiment(faultWindow = "50ms", baseline = "10ms")
        @Fault("custom name=c -> delay(1ms)")
        @Fault("resource -> threads(count=2)")
        void c() {
            hold("resource");
        }
    }

    /** One process-wide @Fault in an otherwise scoped experiment: it runs alone. */
    public static class ExperimentD {
        @Test
        @ChaosExperiment(faultWindow = "50ms", baseline = "10ms")
        @Fault("custom name=d -> delay(1ms)")
        @Fault(value = "custom name=d2 -> delay(1ms)", scope = FaultScope.GLOBAL)
        void d() {
            hold("unscoped-fault");
        }
    }

    /** Plain tests: show that the run really is parallel. */
    public static class Plain {
        @Test
        void one() {
            hold("plain-one");
        }

        @Test
        void two() {
            hold("plain-two");
        }
    }
}
