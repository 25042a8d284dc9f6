package dev.chaosmonkey.core;

import dev.chaosmonkey.core.internal.ByteSizes;

/** What the faults of the {@code net} point share: the point check and byte-count arguments. */
final class NetFaults {
    private NetFaults() {
    }

    /** Refuses {@code fault} on any point but {@code net}, whose connections it shapes. */
    static void requireNet(Fault fault, InjectionPoint point) {
        if (point != InjectionPoint.NET) {
            throw new IllegalArgumentException(fault.toSpec() + " shapes a TCP connection and only applies to the"
                    + " net point, not " + point.specName());
        }
    }

    /** A byte count argument ({@code after=4KB}). */
    static long bytes(FaultArgs args, FaultArgs.Arg a, String what) {
        long n = ByteSizes.parse(a.value);
        if (n < 0) {
            throw args.error(a.at, "'" + a.value + "' is not a byte count for " + what
                    + " (use a whole number with B, KB or MB, e.g. 4KB; at most 1TB)");
        }
        return n;
    }
}
