package dev.chaosmonkey.junit.examples;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.chaosmonkey.junit.ChaosExperiment;
import dev.chaosmonkey.junit.Fault;
import org.junit.jupiter.api.Test;

/** Run through EngineTestKit in parallel mode: experiments must not overlap, plain tests may. */
public final class ParallelExamples {
    /** [start, end] nanos of each experiment body. */
    public static final List<long[]> EXPERIMENTS = new CopyOnWriteArrayList<>();
    /** [start, end] nanos of each plain test. */
    public static final List<long[]> PLAIN = new CopyOnWriteArrayList<>();

    private ParallelExamples() {
    }

    static void hold(List<long[]> into) {
        long start = System.nanoTime();
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);
        into.add(new long[] {start, System.nanoTime()});
    }

    /** First experiment class. */
    public static class ExperimentA {
        @Test
        @ChaosExperiment(faultWindow = "50ms", baseline = "10ms")
        @Fault("custom name=a -> delay(1ms)")
        void a() {
            hold(EXPERIMENTS);
        }
    }

    /** Second experiment class. */
    public static class ExperimentB {
        @Test
        @ChaosExperiment(faultWindow = "50ms", baseline = "10ms")
        @Fault("custom name=b -> delay(1ms)")
        void b() {
            hold(EXPERIMENTS);
        }
    }

    /** Plain tests: show that the run really is parallel. */
    public static class Plain {
        @Test
        void one() {
            hold(PLAIN);
        }

        @Test
        void two() {
            hold(PLAIN);
        }
    }
}
