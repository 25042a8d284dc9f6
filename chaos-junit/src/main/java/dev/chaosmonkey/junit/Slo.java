package dev.chaosmonkey.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides SLO targets of a {@link ChaosExperiment}. Attributes left at their default ({@code ""} or {@code -1})
 * keep the target resolved so far. Repeatable: an {@code @Slo} with an {@link #environment()} applies only when the
 * chaos environment ({@code chaos.environment}) has that name, and wins over one without.
 *
 * <p>Resolution order, later wins: built-in defaults ({@link SloTargets#defaults()}), system properties
 * {@code chaos.slo.<metric>}, system properties {@code chaos.slo.<env>.<metric>}, class {@code @Slo}, method
 * {@code @Slo}. See {@link SloTargets} for the metrics and the phase each applies to.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(Slos.class)
public @interface Slo {
    /** Environment this override applies to (e.g. {@code dev}, {@code staging}, {@code prod}); empty: all. */
    String environment() default "";

    /** Maximum mean time to recovery, e.g. {@code "30s"}. */
    String maxMttr() default "";

    /** Maximum recovery time of the worst episode, e.g. {@code "10s"}. */
    String maxRecovery() default "";

    /** Maximum error rate during the fault window, 0..1. */
    double maxErrorRate() default -1;

    /** Minimum availability during the fault window, 0..1. */
    double minAvailability() default -1;

    /** Maximum p95 latency increase of the fault window over the baseline, e.g. {@code "500ms"}. */
    String maxLatencyDegradation() default "";
}
