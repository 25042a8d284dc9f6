package dev.chaosmonkey.core;

import java.util.concurrent.atomic.LongAdder;

import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * Errors of the engine itself (a decision that threw, a listener that threw, a resource fault that failed to stop)
 * that were caught so that the host application never sees them. Every occurrence is counted; the first of each
 * kind is logged with its stack trace, never again (they can happen on every call).
 */
final class InternalErrors {
    private final LongAdder count = new LongAdder();
    private final String onceSuffix;

    InternalErrors(Object owner) {
        this.onceSuffix = "@" + System.identityHashCode(owner);
    }

    /** Counts one error of {@code kind} and logs it if it is the first of that kind. */
    void record(String kind, String message, Throwable t) {
        count.increment();
        ChaosLog.warnOnce("internal-" + kind + onceSuffix, "chaos internal error (" + kind + "): " + message, t);
    }

    long count() {
        return count.sum();
    }
}
