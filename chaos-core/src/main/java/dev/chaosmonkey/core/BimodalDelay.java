package dev.chaosmonkey.core;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.chaosmonkey.core.internal.Durations;

/**
 * A mix of two delays, {@code delay(10ms|500ms, p=0.1)}: each call is slowed by the first (fast) delay, or with
 * probability {@code p} by the second (slow) one; each side may be a range, {@code delay(5ms..15ms|400ms..600ms,
 * p=0.05)}, drawn uniformly. The shape of a cache in front of a slow store, or of a GC pause now and then.
 */
final class BimodalDelay implements DelayShape {
    private final Duration fastMin;
    private final Duration fastMax;
    private final Duration slowMin;
    private final Duration slowMax;
    private final double slowShare;
    private final String slowShareText;

    private BimodalDelay(Duration fastMin, Duration fastMax, Duration slowMin, Duration slowMax, double slowShare,
            String slowShareText) {
        this.fastMin = fastMin;
        this.fastMax = fastMax;
        this.slowMin = slowMin;
        this.slowMax = slowMax;
        this.slowShare = slowShare;
        this.slowShareText = slowShareText;
    }

    /** Whether {@code args} are this shape's: a first argument with {@code |}. */
    static boolean accepts(FaultArgs args) {
        return !args.isEmpty() && args.get(0).key == null && args.get(0).value.indexOf('|') >= 0;
    }

    /** Parses {@code fast|slow, p=share} (each side {@code 10ms} or {@code 5ms..15ms}). */
    static BimodalDelay parse(FaultArgs args) {
        FaultArgs.Arg first = args.get(0);
        int bar = first.value.indexOf('|');
        if (first.value.indexOf('|', bar + 1) >= 0) {
            throw args.error(first.at, "a mixed delay has two sides, fast|slow, e.g. delay(10ms|500ms, p=0.1)");
        }
        Duration[] fast = side(args, first.value.substring(0, bar), first.at, "fast delay");
        Duration[] slow = side(args, first.value.substring(bar + 1), first.at + bar + 1, "slow delay");
        if (args.size() != 2 || !"p".equals(args.get(1).key)) {
            throw args.error(args.size() > 1 ? args.get(1).at : args.closeAt, "a mixed delay needs the share of"
                    + " slow calls as p=<0..1>, e.g. delay(10ms|500ms, p=0.1)");
        }
        FaultArgs.Arg p = args.get(1);
        double share;
        try {
            share = Double.parseDouble(p.value);
        } catch (NumberFormatException e) {
            throw args.error(p.at, "'" + p.value + "' is not a probability (use a number from 0 to 1, e.g. 0.1)");
        }
        if (!(share >= 0 && share <= 1)) {
            throw args.error(p.at, "the share of slow calls must be from 0 to 1, was " + p.value);
        }
        return new BimodalDelay(fast[0], fast[1], slow[0], slow[1], share, p.value);
    }

    private static Duration[] side(FaultArgs args, String text, int at, String what) {
        int range = text.indexOf("..");
        if (range < 0) {
            Duration d = args.duration(text, at, what);
            return new Duration[] {d, d};
        }
        Duration min = args.duration(text.substring(0, range), at, what + " minimum");
        Duration max = args.duration(text.substring(range + 2), at + range + 2, what + " maximum");
        if (min.compareTo(max) > 0) {
            throw args.error(at, what + " minimum " + Durations.format(min) + " is greater than its maximum "
                    + Durations.format(max));
        }
        return new Duration[] {min, max};
    }

    @Override
    public long nextNanos() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean slow = random.nextDouble() < slowShare;
        long min = (slow ? slowMin : fastMin).toNanos();
        long span = (slow ? slowMax : fastMax).toNanos() - min;
        return span <= 0 ? min : min + random.nextLong(span + 1);
    }

    @Override
    public Duration minimum() {
        return fastMin.compareTo(slowMin) <= 0 ? fastMin : slowMin;
    }

    @Override
    public Duration maximum() {
        return fastMax.compareTo(slowMax) >= 0 ? fastMax : slowMax;
    }

    @Override
    public String arguments() {
        return side(fastMin, fastMax) + "|" + side(slowMin, slowMax) + ", p=" + slowShareText;
    }

    private static String side(Duration min, Duration max) {
        return min.equals(max) ? Durations.format(min) : Durations.format(min) + ".." + Durations.format(max);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BimodalDelay && arguments().equals(((BimodalDelay) o).arguments());
    }

    @Override
    public int hashCode() {
        return arguments().hashCode();
    }
}
