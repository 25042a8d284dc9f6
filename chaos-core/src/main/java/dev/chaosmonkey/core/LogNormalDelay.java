package dev.chaosmonkey.core;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.chaosmonkey.core.internal.Durations;

/**
 * Log-normal delays given by two percentiles, {@code delay(p50=20ms, p99=800ms)}: the shape of real service
 * latency (most calls near the median, a long right tail). With {@code z(p)} the standard normal quantile of the
 * percentile and {@code a < b} the two given percentiles,
 *
 * <pre>
 *   sigma = (ln x_b - ln x_a) / (z_b - z_a)        mu = ln x_a - z_a * sigma
 *   delay = min(max, exp(mu + sigma * N(0,1)))
 * </pre>
 *
 * so the two percentiles of the drawn delays are the given ones. Percentiles: {@code p50}, {@code p75}, {@code p90},
 * {@code p95}, {@code p99}, {@code p99.9}. {@code max} caps the tail (default: 10 times the higher percentile), so a
 * held call stays bounded; the cap moves no percentile below it.
 */
final class LogNormalDelay implements DelayShape {
    private static final String[] NAMES = {"p50", "p75", "p90", "p95", "p99", "p99.9"};
    /** Standard normal quantiles of the percentiles in {@link #NAMES}. */
    private static final double[] Z = {0.0, 0.6744897502, 1.2815515655, 1.6448536270, 2.3263478740, 3.0902323062};

    private final String lowName;
    private final Duration low;
    private final String highName;
    private final Duration high;
    private final Duration max;
    private final boolean maxGiven;
    private final double mu;
    private final double sigma;
    private final long maxNanos;

    private LogNormalDelay(int lowIndex, Duration low, int highIndex, Duration high, Duration max, boolean maxGiven) {
        this.lowName = NAMES[lowIndex];
        this.low = low;
        this.highName = NAMES[highIndex];
        this.high = high;
        this.max = max;
        this.maxGiven = maxGiven;
        double lnLow = Math.log(low.toNanos());
        double lnHigh = Math.log(high.toNanos());
        this.sigma = (lnHigh - lnLow) / (Z[highIndex] - Z[lowIndex]);
        this.mu = lnLow - Z[lowIndex] * sigma;
        this.maxNanos = max.toNanos();
    }

    /** Whether {@code args} are this shape's: named percentile arguments. */
    static boolean accepts(FaultArgs args) {
        return !args.isEmpty() && args.get(0).key != null && index(args.get(0).key) >= 0;
    }

    /** Parses {@code p50=20ms, p99=800ms[, max=5s]} (two percentiles, any order). */
    static LogNormalDelay parse(FaultArgs args) {
        int lowIndex = -1;
        int highIndex = -1;
        Duration lowValue = null;
        Duration highValue = null;
        Duration max = null;
        int maxAt = -1;
        for (FaultArgs.Arg a : args.list) {
            if ("max".equals(a.key)) {
                if (max != null) {
                    throw args.error(a.at, "max given twice");
                }
                max = args.duration(a, "max");
                maxAt = a.at;
                continue;
            }
            int i = a.key == null ? -1 : index(a.key);
            if (i < 0) {
                throw args.error(a.at, "a percentile delay takes two of " + String.join(", ", NAMES)
                        + " and optionally max, e.g. delay(p50=20ms, p99=800ms)");
            }
            Duration d = args.duration(a, a.key);
            if (d.isZero()) {
                throw args.error(a.at, a.key + " must be greater than 0 for a log-normal delay");
            }
            if (lowIndex < 0) {
                lowIndex = i;
                lowValue = d;
            } else if (highIndex < 0) {
                if (i == lowIndex) {
                    throw args.error(a.at, a.key + " given twice");
                }
                highIndex = i;
                highValue = d;
            } else {
                throw args.error(a.at, "a percentile delay takes exactly two percentiles");
            }
        }
        if (highIndex < 0) {
            throw args.error(args.nameAt, "a percentile delay needs two percentiles, e.g. delay(p50=20ms, p99=800ms)");
        }
        if (highIndex < lowIndex) {
            int i = lowIndex;
            lowIndex = highIndex;
            highIndex = i;
            Duration d = lowValue;
            lowValue = highValue;
            highValue = d;
        }
        if (highValue.compareTo(lowValue) <= 0) {
            throw args.error(args.nameAt, NAMES[highIndex] + " (" + Durations.format(highValue) + ") must be greater"
                    + " than " + NAMES[lowIndex] + " (" + Durations.format(lowValue) + ")");
        }
        boolean maxGiven = max != null;
        if (max == null) {
            long tenTimes = highValue.toNanos() > Durations.LONGEST.toNanos() / 10 ? Durations.LONGEST.toNanos()
                    : highValue.toNanos() * 10;
            max = Duration.ofNanos(tenTimes);
        } else if (max.compareTo(highValue) < 0) {
            throw args.error(maxAt, "max (" + Durations.format(max) + ") must not be below " + NAMES[highIndex]
                    + " (" + Durations.format(highValue) + ")");
        }
        return new LogNormalDelay(lowIndex, lowValue, highIndex, highValue, max, maxGiven);
    }

    private static int index(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The log-normal location (mean of the logarithm of the delay in nanoseconds). */
    double mu() {
        return mu;
    }

    /** The log-normal scale (standard deviation of the logarithm). */
    double sigma() {
        return sigma;
    }

    @Override
    public long nextNanos() {
        double drawn = Math.exp(mu + sigma * ThreadLocalRandom.current().nextGaussian());
        return drawn >= maxNanos ? maxNanos : (long) drawn;
    }

    @Override
    public Duration minimum() {
        return Duration.ZERO;
    }

    @Override
    public Duration maximum() {
        return max;
    }

    @Override
    public String arguments() {
        return lowName + "=" + Durations.format(low) + ", " + highName + "=" + Durations.format(high)
                + (maxGiven ? ", max=" + Durations.format(max) : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogNormalDelay && arguments().equals(((LogNormalDelay) o).arguments());
    }

    @Override
    public int hashCode() {
        return arguments().hashCode();
    }
}
