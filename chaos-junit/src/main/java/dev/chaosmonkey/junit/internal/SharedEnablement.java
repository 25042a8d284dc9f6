package dev.chaosmonkey.junit.internal;

import java.util.IdentityHashMap;
import java.util.Map;

import dev.chaosmonkey.core.ChaosMonkey;

/**
 * Chaos enabled while at least one experiment runs. Scoped experiments overlap when JUnit runs them in parallel, so
 * an experiment that ends must not disable chaos under another that is still running: the first experiment on a
 * monkey remembers whether chaos was enabled, the last one to end restores that.
 */
final class SharedEnablement {
    private static final Map<ChaosMonkey, int[]> HOLDERS = new IdentityHashMap<>();
    private static final Map<ChaosMonkey, Boolean> WAS_ENABLED = new IdentityHashMap<>();

    private SharedEnablement() {
    }

    /** Enables chaos on {@code monkey} for one more experiment. */
    static synchronized void acquire(ChaosMonkey monkey) {
        int[] holders = HOLDERS.computeIfAbsent(monkey, m -> new int[1]);
        if (holders[0]++ == 0) {
            WAS_ENABLED.put(monkey, monkey.isEnabled());
        }
        monkey.enable();
    }

    /** One experiment less on {@code monkey}; the last restores the enabled state the first one found. */
    static synchronized void release(ChaosMonkey monkey) {
        int[] holders = HOLDERS.get(monkey);
        if (holders == null) {
            return;
        }
        if (--holders[0] == 0) {
            HOLDERS.remove(monkey);
            if (!WAS_ENABLED.remove(monkey)) {
                monkey.disable();
            }
        }
    }
}
