package dev.chaosmonkey.junit.internal;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.chaosmonkey.junit.Slo;
import dev.chaosmonkey.junit.SloTargets;

/**
 * Resolves SLO targets: defaults, then system properties {@code chaos.slo.<metric>}, then
 * {@code chaos.slo.<env>.<metric>}, then {@code @Slo} annotations (class before method; per annotation source the
 * environment-less ones before the ones for the current environment). Metric keys: {@code max-mttr},
 * {@code max-recovery}, {@code max-error-rate}, {@code min-availability}, {@code max-latency-degradation}.
 */
public final class SloResolver {
    private final UnaryOperator<String> properties;

    /** Creates a resolver reading {@code properties} (normally {@code System::getProperty}). */
    public SloResolver(UnaryOperator<String> properties) {
        this.properties = properties;
    }

    /**
     * Resolves the targets.
     *
     * @param environment the chaos environment name, or {@code null}
     * @param classSlos the {@code @Slo}s of the test class
     * @param methodSlos the {@code @Slo}s of the test method
     * @throws IllegalArgumentException naming a malformed value and where it came from
     */
    public SloTargets resolve(String environment, List<Slo> classSlos, List<Slo> methodSlos) {
        Builder b = new Builder(SloTargets.defaults());
        fromProperties(b, "chaos.slo.");
        if (environment != null && !environment.isBlank()) {
            fromProperties(b, "chaos.slo." + environment + ".");
        }
        for (List<Slo> slos : List.of(classSlos, methodSlos)) {
            for (Slo slo : slos) {
                if (slo.environment().isEmpty()) {
                    apply(b, slo);
                }
            }
            for (Slo slo : slos) {
                if (!slo.environment().isEmpty() && slo.environment().equalsIgnoreCase(environment)) {
                    apply(b, slo);
                }
            }
        }
        return b.build();
    }

    private void fromProperties(Builder b, String prefix) {
        String v;
        if ((v = properties.apply(prefix + "max-mttr")) != null) {
            b.maxMttr = DurationText.parse(v, prefix + "max-mttr");
        }
        if ((v = properties.apply(prefix + "max-recovery")) != null) {
            b.maxRecovery = DurationText.parse(v, prefix + "max-recovery");
        }
        if ((v = properties.apply(prefix + "max-error-rate")) != null) {
            b.maxErrorRate = ratio(v, prefix + "max-error-rate");
        }
        if ((v = properties.apply(prefix + "min-availability")) != null) {
            b.minAvailability = ratio(v, prefix + "min-availability");
        }
        if ((v = properties.apply(prefix + "max-latency-degradation")) != null) {
            b.maxLatencyDegradation = DurationText.parse(v, prefix + "max-latency-degradation");
        }
    }

    private static double ratio(String text, String what) {
        try {
            double d = Double.parseDouble(text.trim());
            if (d < 0 || d > 1) {
                throw new IllegalArgumentException(what + " must be a ratio within 0..1 (e.g. 0.05), was " + text);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a ratio within 0..1 (e.g. 0.05), was " + text, e);
        }
    }

    private static void apply(Builder b, Slo slo) {
        String where = "@Slo" + (slo.environment().isEmpty() ? "" : "(environment=" + slo.environment() + ")");
        if (!slo.maxMttr().isEmpty()) {
            b.maxMttr = DurationText.parse(slo.maxMttr(), where + " maxMttr");
        }
        if (!slo.maxRecovery().isEmpty()) {
            b.maxRecovery = DurationText.parse(slo.maxRecovery(), where + " maxRecovery");
        }
        if (slo.maxErrorRate() >= 0) {
            b.maxErrorRate = ratio(Double.toString(slo.maxErrorRate()), where + " maxErrorRate");
        }
        if (slo.minAvailability() >= 0) {
            b.minAvailability = ratio(Double.toString(slo.minAvailability()), where + " minAvailability");
        }
        if (!slo.maxLatencyDegradation().isEmpty()) {
            b.maxLatencyDegradation = DurationText.parse(slo.maxLatencyDegradation(), where + " maxLatencyDegradation");
        }
    }

    private static final class Builder {
        Duration maxMttr;
        Duration maxRecovery;
        double maxErrorRate;
        double minAvailability;
        Duration maxLatencyDegradation;

        Builder(SloTargets t) {
            maxMttr = t.maxMttr();
            maxRecovery = t.maxRecovery();
            maxErrorRate = t.maxErrorRate();
            minAvailability = t.minAvailability();
            maxLatencyDegradation = t.maxLatencyDegradation();
        }

        SloTargets build() {
            return new SloTargets(maxMttr, maxRecovery, maxErrorRate, minAvailability, maxLatencyDegradation);
        }
    }
}
