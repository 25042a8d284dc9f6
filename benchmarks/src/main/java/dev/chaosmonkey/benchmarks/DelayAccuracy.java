package dev.chaosmonkey.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Requested versus observed delay of a {@code delay(N ms)} fault, performed through {@code ChaosMonkey.check} on the
 * calling thread, with {@code Thread.sleep(N)} measured the same way as the floor the JVM and OS impose.
 */
public final class DelayAccuracy {

    /** Error statistics for one requested delay, in milliseconds (observed minus requested). */
    public record Result(long requestedMillis, int samples, double p50ErrorMillis, double p99ErrorMillis,
            double maxErrorMillis, double sleepP50ErrorMillis, double sleepP99ErrorMillis) {
    }

    /**
     * Observed percentiles of a delay distribution ({@code delay(p50=.., p99=..)}, a mix), in milliseconds, next to
     * the ones the spec requests ({@code NaN} where the spec names none).
     */
    public record DistributionResult(String fault, int samples, double[] percents, double[] requestedMillis,
            double[] drawnMillis, double[] observedMillis) {
    }

    /** The percentiles a distribution result reports. */
    static final double[] PERCENTS = {50, 90, 99};

    private DelayAccuracy() {
    }

    /**
     * Draws {@code samples} delays of {@code fault} through {@code ChaosMonkey.check} on the calling thread and
     * reports their observed percentiles against {@code requested} ({@code percent -> millis}, NaN if not requested).
     */
    public static DistributionResult measureDistribution(String fault, double[] requested, int samples) {
        String point = "delay-distribution";
        double[] observed = new double[samples];
        try (ChaosMonkey monkey = ChaosMonkey.create()) {
            monkey.enable();
            monkey.arm("custom name=" + point + " -> " + fault + " for=1h");
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                monkey.check(point);
                observed[i] = (System.nanoTime() - start) / 1_000_000.0;
            }
        }
        // the distribution alone, without sleeping: what the fault asks for, before scheduler lateness
        dev.chaosmonkey.core.DelayFault delay = (dev.chaosmonkey.core.DelayFault) dev.chaosmonkey.core.ChaosRule
                .parse("custom -> " + fault).fault();
        double[] drawn = new double[200_000];
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = delay.nextDelayNanos() / 1_000_000.0;
        }
        Arrays.sort(observed);
        Arrays.sort(drawn);
        double[] observedAt = new double[PERCENTS.length];
        double[] drawnAt = new double[PERCENTS.length];
        for (int i = 0; i < PERCENTS.length; i++) {
            observedAt[i] = percentile(observed, PERCENTS[i]);
            drawnAt[i] = percentile(drawn, PERCENTS[i]);
        }
        return new DistributionResult(fault, samples, PERCENTS, requested, drawnAt, observedAt);
    }

    /** Measures {@code samples} delays of {@code requestedMillis} and as many plain sleeps. */
    public static Result measure(long requestedMillis, int samples) throws InterruptedException {
        if (requestedMillis <= 0 || samples <= 0) {
            throw new IllegalArgumentException("requested delay and samples must be positive, got " + requestedMillis
                    + " ms and " + samples);
        }
        String point = "delay-" + requestedMillis;
        double[] chaos = new double[samples];
        double[] sleep = new double[samples];
        try (ChaosMonkey monkey = ChaosMonkey.create()) {
            monkey.enable();
            monkey.arm("custom name=" + point + " -> delay(" + requestedMillis + "ms) for=1h");
            for (int i = 0; i < 3; i++) {
                monkey.check(point);
            }
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                monkey.check(point);
                chaos[i] = errorMillis(System.nanoTime() - start, requestedMillis);
                start = System.nanoTime();
                Thread.sleep(requestedMillis);
                sleep[i] = errorMillis(System.nanoTime() - start, requestedMillis);
            }
        }
        Arrays.sort(chaos);
        Arrays.sort(sleep);
        return new Result(requestedMillis, samples, percentile(chaos, 50), percentile(chaos, 99),
                chaos[chaos.length - 1], percentile(sleep, 50), percentile(sleep, 99));
    }

    private static double errorMillis(long elapsedNanos, long requestedMillis) {
        return (elapsedNanos - TimeUnit.MILLISECONDS.toNanos(requestedMillis)) / 1_000_000.0;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
