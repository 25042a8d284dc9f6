package dev.chaosmonkey.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.chaosmonkey.junit.internal.ChaosExperimentExtension;
import dev.chaosmonkey.junit.internal.ChaosLocks;

/**
 * Marks a test (or every test of a class) as a chaos experiment.
 *
 * <p>For each test the extension: resolves the {@link Fault} declarations and SLO targets, samples the
 * {@link SteadyStateProbe} for the {@link #baseline()} period (the steady state must hold, otherwise the experiment is
 * aborted), arms the declared faults for the {@link #faultWindow()} (repeated {@link #episodes()} times), disarms
 * them, waits for the probe to be healthy again and then runs the test body, which can assert what happened (through
 * a {@link ChaosControl} parameter and the Resilience4j assertions of {@link ResilienceAssertions}). A test without
 * declared faults drives the fault windows itself through {@link ChaosControl}. At the end the SLOs are checked, a
 * report is written and the test fails when a target is missed.
 *
 * <p>Each experiment (each test, each repetition or invocation) runs in its own {@code ChaosScope}, named after the
 * test and a counter (see {@link ExperimentResult#scope()}): the probe, the fault windows and the test body run in
 * it, and its faults are armed with {@code scope=<that name>} (see {@link #scope()} and {@link FaultScope}), so they
 * hit only the experiment's own calls. Experiments hold a {@link ResourceLock} on {@value #GLOBAL_CHAOS_LOCK}:
 * shared (READ) when all their faults are scoped, so such experiments run in parallel when JUnit's parallel execution
 * is on; exclusive (READ_WRITE) when a fault acts on the whole process ({@code resource} faults, {@link
 * FaultScope#GLOBAL}).
 *
 * <p>Chaos is enabled on {@code ChaosMonkey.global()} while any experiment runs, and the enabled state found by the
 * first one restored when the last one ends; every rule the experiment armed is disarmed, also when the test fails.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ChaosExperimentExtension.class)
@ResourceLock(providers = ChaosLocks.class)
@Tag("chaos")
public @interface ChaosExperiment {

    /** Name of the resource lock guarding {@code ChaosMonkey.global()}; use it on other tests that touch chaos. */
    String GLOBAL_CHAOS_LOCK = "dev.chaosmonkey.global";

    /** What the experiment expects to hold, in words; shown in reports. */
    String hypothesis() default "";

    /** How long declared faults stay armed per episode, e.g. {@code "2s"}, {@code "500ms"}. */
    String faultWindow() default "5s";

    /** How long the steady state is sampled before the first fault, the baseline for latency and error rate. */
    String baseline() default "1s";

    /** Interval between two probe samples. */
    String sampleInterval() default "50ms";

    /** How long to wait after a fault window for the probe to be healthy again before giving up. */
    String recoveryTimeout() default "30s";

    /** Consecutive healthy samples that count as recovered. */
    int healthySamples() default 3;

    /**
     * Fault episodes (arm, wait, disarm, recover); MTTR is the mean over them. 0 takes the scenario's default
     * ({@link StressScenario}: 3, otherwise 1).
     */
    int episodes() default 0;

    /** Name of the probe to use when the class has several {@link SteadyStateProbe}s; empty: the only one. */
    String probe() default "";

    /**
     * Where the faults act: {@link FaultScope#TEST} (only the experiment's own calls, the default), {@link
     * FaultScope#GLOBAL} (the whole JVM; the experiment runs alone). {@link FaultScope#DEFAULT} takes the class's
     * (or enclosing class's) setting, {@link FaultScope#TEST} when none sets one. Faults armed through {@link
     * ChaosControl} follow it too.
     */
    FaultScope scope() default FaultScope.DEFAULT;
}
