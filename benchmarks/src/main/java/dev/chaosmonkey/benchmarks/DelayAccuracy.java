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

    private DelayAccuracy() {
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
