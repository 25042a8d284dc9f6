package dev.chaosmonkey.core.internal;

/**
 * Lets the chaos agent's {@code premain} create the global chaos state without registering its MBean on the
 * application's main thread: creating the platform MBean server (which registering the first MBean does) costs
 * about 50-100 ms of class loading and initialisation, in {@code premain} before {@code main()} runs. The agent
 * {@linkplain #request() asks} before it first calls {@code ChaosMonkey.global()}; the global state then
 * {@linkplain #skipNow() skips} its registration and the agent registers it on a daemon thread right after
 * ({@link #takeSkipped()}). Everything else of the global state (settings, the production guard, enabling, rules)
 * is unchanged and in place before {@code main()}.
 */
public final class GlobalMBeanDeferral {
    private static volatile boolean requested;
    private static volatile boolean skipped;

    private GlobalMBeanDeferral() {
    }

    /** Asks the global state, if it is created from now on, to leave its MBean registration to the caller. */
    public static void request() {
        requested = true;
    }

    /** Called once when the global state is created with JMX on: whether to skip registering now. */
    public static boolean skipNow() {
        if (requested) {
            skipped = true;
            return true;
        }
        return false;
    }

    /** Whether the global state skipped its registration, which the caller must now do; true at most once. */
    public static synchronized boolean takeSkipped() {
        boolean s = skipped;
        skipped = false;
        requested = false;
        return s;
    }
}
