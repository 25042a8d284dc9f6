package dev.chaosmonkey.core;

import dev.chaosmonkey.core.internal.ByteSizes;

/**
 * Limits a TCP connection's throughput ({@code net} point only): {@code bandwidth(16KB/s)}. Once the rule fires on a
 * connection, the calls in that direction (or both, when it fired on the connect) are paced so that the bytes
 * moved since then never exceed the rate: reads deliver at most a tenth of a second's worth per call and wait for
 * it, writes wait until the rate allows their bytes. The pacing waits on the rule, so disarm and the kill switch end
 * it at once.
 */
public final class BandwidthFault extends Fault {
    private final long bytesPerSecond;

    BandwidthFault(long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bandwidth must be positive, was " + bytesPerSecond + " bytes/s");
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Parses {@code bandwidth(16KB/s)}. */
    static BandwidthFault parse(FaultArgs args) {
        if (args.size() != 1 || args.get(0).key != null) {
            throw args.error(args.isEmpty() ? args.nameAt : args.get(0).at,
                    "bandwidth takes one rate, e.g. bandwidth(16KB/s)");
        }
        FaultArgs.Arg a = args.get(0);
        if (!a.value.endsWith("/s")) {
            throw args.error(a.at, "'" + a.value + "' is not a rate: write bytes per second, e.g. 16KB/s");
        }
        long rate = ByteSizes.parse(a.value.substring(0, a.value.length() - 2));
        if (rate <= 0) {
            throw args.error(a.at, "'" + a.value + "' is not a positive rate (use B/s, KB/s or MB/s, e.g. 16KB/s)");
        }
        return new BandwidthFault(rate);
    }

    /** The rate in bytes per second. */
    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    @Override
    Throwable perform(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        // pacing needs the connection's byte counts: the agent's net advice does it
        return null;
    }

    @Override
    public String kind() {
        return "bandwidth";
    }

    @Override
    void validateFor(InjectionPoint point) {
        NetFaults.requireNet(this, point);
    }

    @Override
    public String toSpec() {
        return "bandwidth(" + ByteSizes.format(bytesPerSecond) + "/s)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BandwidthFault && ((BandwidthFault) o).bytesPerSecond == bytesPerSecond;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bytesPerSecond);
    }
}
