package dev.chaosmonkey.agent.bootstrap;

/**
 * Per-thread nesting depth of one kind of instrumented call, so that one logical call makes exactly one chaos
 * decision even when wrappers (HikariCP proxies, client facades) call the instrumented method of their delegate.
 * Each library's call class owns its instances. Only touched while a rule is armed at the point.
 */
public final class CallDepth {
    private final ThreadLocal<int[]> depth = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    /** Enters a call; returns the depth before entering (0 = outermost call). */
    public int enter() {
        return depth.get()[0]++;
    }

    /** Leaves a call entered with {@link #enter()}. */
    public void exit() {
        int[] d = depth.get();
        if (d[0] > 0) {
            d[0]--;
        }
    }

    /** Whether the current thread is inside an entered call. */
    public boolean isInside() {
        return depth.get()[0] > 0;
    }
}
