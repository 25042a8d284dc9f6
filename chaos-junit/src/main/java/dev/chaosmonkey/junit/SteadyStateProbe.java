package dev.chaosmonkey.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the steady-state probe of a {@link ChaosExperiment}: a no-argument method of the test class, or a field
 * holding a {@code Callable}, {@code Supplier} or {@code Runnable} (e.g. a method reference). It is called every
 * {@code sampleInterval} before, during and after the fault window, and should exercise the system like a user.
 *
 * <p>The outcome of a sample: the probe throws: {@link ProbeOutcome#FAILED}; returns {@code false}: FAILED;
 * returns a {@link ProbeOutcome}: that outcome (return {@link ProbeOutcome#DEGRADED} when a fallback answered);
 * anything else: {@link ProbeOutcome#HEALTHY}. The call's latency is measured around the probe.
 */
@Target({ElementType.METHOD, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SteadyStateProbe {
    /** Name to select this probe with {@link ChaosExperiment#probe()}; empty: the method or field name. */
    String value() default "";
}
