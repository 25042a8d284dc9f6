package dev.chaosmonkey.core;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.chaosmonkey.core.internal.ChaosLog;

/**
 * The global injection budget of one {@link ChaosMonkey} ({@code chaos.max-injections}) and the count of injections
 * across all rules. Unlimited budgets only count (a {@link LongAdder}, no contended compare-and-set).
 */
final class InjectionBudget {
    private final long max;
    private final String onceKey;
    private final AtomicLong limited = new AtomicLong();
    private final LongAdder total = new LongAdder();

    InjectionBudget(long max, Object owner) {
        this.max = max;
        this.onceKey = "global-budget@" + System.identityHashCode(owner);
    }

    /** Takes one injection from the budget; {@code false} (logged once) when it is used up. */
    boolean reserve() {
        if (max == 0) {
            total.increment();
            return true;
        }
        while (true) {
            long c = limited.get();
            if (c >= max) {
                ChaosLog.warnOnce(onceKey, "chaos global injection budget of " + max
                        + " is used up (chaos.max-injections); no more faults will be injected", null);
                return false;
            }
            if (limited.compareAndSet(c, c + 1)) {
                total.increment();
                return true;
            }
        }
    }

    /** Gives back an injection reserved for a call that then did not fire (its rule's own budget was used up). */
    void release() {
        if (max != 0) {
            limited.decrementAndGet();
            total.decrement();
        }
    }

    /** Injections so far (dry-run decisions included). */
    long total() {
        return total.sum();
    }
}
