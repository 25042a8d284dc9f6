package dev.chaosmonkey.core;

import java.time.Duration;

import dev.chaosmonkey.core.internal.ByteSizes;
import dev.chaosmonkey.core.internal.Durations;

/**
 * Stalls a TCP connection ({@code net} point only): {@code stall(after=4KB)} lets that many more bytes through in
 * the call's direction, then the stream stops delivering: the next call waits, for {@code for=} when given
 * ({@code stall(after=4KB, for=30s)}, then the stream flows again) or else until the rule stops acting (disarm,
 * expiry, the kill switch). A read on a socket with a read timeout ({@code SO_TIMEOUT}) fails with
 * {@code SocketTimeoutException} after that timeout, as a real stall makes it.
 */
public final class StallFault extends Fault {
    private final long afterBytes;
    private final Duration duration;

    StallFault(long afterBytes, Duration duration) {
        if (afterBytes < 0) {
            throw new IllegalArgumentException("stall after= must not be negative, was " + afterBytes);
        }
        if (duration != null && (duration.isZero() || duration.isNegative() || !Durations.fitsNanos(duration))) {
            throw new IllegalArgumentException("stall for= must be positive and at most "
                    + Durations.format(Durations.LONGEST) + ", was " + duration);
        }
        this.afterBytes = afterBytes;
        this.duration = duration;
    }

    /** Parses {@code stall}, {@code stall(after=4KB)} and {@code stall(after=4KB, for=30s)}. */
    static StallFault parse(FaultArgs args) {
        long after = 0;
        Duration duration = null;
        boolean seenAfter = false;
        for (FaultArgs.Arg a : args.list) {
            if ("after".equals(a.key) && !seenAfter) {
                after = NetFaults.bytes(args, a, "stall after=");
                seenAfter = true;
            } else if ("for".equals(a.key) && duration == null) {
                duration = args.duration(a, "stall for=");
                if (duration.isZero()) {
                    throw args.error(a.at, "stall for= must be positive");
                }
            } else {
                throw args.error(a.at, "stall takes after=<bytes> and for=<duration>, e.g. stall(after=4KB, for=30s)");
            }
        }
        return new StallFault(after, duration);
    }

    /** The bytes let through before the stall; 0 stalls the call the rule fired on. */
    public long afterBytes() {
        return afterBytes;
    }

    /** How long the stream stalls, or {@code null} for as long as the rule acts. */
    public Duration duration() {
        return duration;
    }

    @Override
    Throwable perform(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        rule.pause(nextPauseNanos());
        return null;
    }

    @Override
    public long nextPauseNanos() {
        return duration == null ? Durations.LONGEST.toNanos() : duration.toNanos();
    }

    @Override
    public Duration longestPause() {
        // without for= the stall lasts as long as the rule: bounded by the rule's own lifetime (for=, max-duration)
        return duration == null ? Duration.ZERO : duration;
    }

    @Override
    public String kind() {
        return "stall";
    }

    @Override
    void validateFor(InjectionPoint point) {
        NetFaults.requireNet(this, point);
    }

    @Override
    public String toSpec() {
        StringBuilder sb = new StringBuilder("stall");
        if (afterBytes == 0 && duration == null) {
            return sb.toString();
        }
        sb.append('(');
        if (afterBytes != 0) {
            sb.append("after=").append(ByteSizes.format(afterBytes));
        }
        if (duration != null) {
            sb.append(afterBytes != 0 ? ", " : "").append("for=").append(Durations.format(duration));
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StallFault && ((StallFault) o).afterBytes == afterBytes
                && java.util.Objects.equals(((StallFault) o).duration, duration);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(afterBytes) * 31 + java.util.Objects.hashCode(duration);
    }
}
