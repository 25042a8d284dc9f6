package dev.chaosmonkey.junit;

import java.time.Duration;
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

    /** Computes the statistics of {@code samples} (with the experiment engine's nearest-rank percentiles). */
    public static PhaseStats of(String phase, List<ProbeSample> samples) {
        return dev.chaosmonkey.junit.internal.EngineTypes.phaseStats(dev.chaosmonkey.experiment.PhaseStats.of(phase,
                dev.chaosmonkey.junit.internal.EngineTypes.samples(samples)));
    }

    /** Failed samples / samples; 0 without samples. */
    public double errorRate() {
        return samples == 0 ? 0 : (double) failed / samples;
    }

    /** Samples with an answer (healthy or degraded) / samples; 1 without samples. */
    public double availability() {
        return samples == 0 ? 1 : (double) (healthy + degraded) / samples;
    }
}
