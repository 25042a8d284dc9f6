package dev.chaosmonkey.experiment;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Probe statistics of one phase of an experiment (baseline, fault window or recovery).
 *
 * @param phase the phase's name
 * @param samples number of samples
 * @param healthy samples served by the primary path
 * @param degraded samples answered by a fallback
 * @param failed samples without a usable answer
 * @param p50 median latency
 * @param p95 95th percentile latency
 * @param p99 99th percentile latency
 */
public record PhaseStats(String phase, int samples, int healthy, int degraded, int failed, Duration p50, Duration p95,
        Duration p99) {

    /** Computes the statistics of {@code samples}. */
    public static PhaseStats of(String phase, List<Sample> samples) {
        int healthy = 0;
        int degraded = 0;
        int failed = 0;
        long[] latencies = new long[samples.size()];
        for (int i = 0; i < latencies.length; i++) {
            Sample s = samples.get(i);
            latencies[i] = s.latencyNanos();
            switch (s.outcome()) {
                case HEALTHY -> healthy++;
                case DEGRADED -> degraded++;
                default -> failed++;
            }
        }
        Arrays.sort(latencies);
        return new PhaseStats(phase, latencies.length, healthy, degraded, failed, percentile(latencies, 50),
                percentile(latencies, 95), percentile(latencies, 99));
    }

    /** Nearest-rank percentile of sorted values; zero for none. */
    public static Duration percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return Duration.ofNanos(sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))]);
    }

    /** Failed samples / samples; 0 without samples. */
    public double errorRate() {
        return samples == 0 ? 0 : (double) failed / samples;
    }

    /** Samples with an answer (healthy or degraded) / samples; 1 without samples. */
    public double availability() {
        return samples == 0 ? 1 : (double) (healthy + degraded) / samples;
    }

    /** Healthy samples / samples; 1 without samples. */
    public double successRate() {
        return samples == 0 ? 1 : (double) healthy / samples;
    }
}
