package dev.chaosmonkey.agent.bootstrap;

/**
 * Per-thread nesting depth of instrumented calls, per kind of call, so that one logical call makes exactly one chaos
 * decision even when wrappers (HikariCP proxies, client facades) call the instrumented method of their delegate.
 * Only touched while a rule is armed at the point: the disarmed path never reaches it.
 */
public final class CallDepth {
    /** JDBC statement executions. */
    public static final int JDBC_STATEMENT = 0;
    /** JDBC connection acquisition (Driver.connect, DataSource.getConnection). */
    public static final int JDBC_CONNECT = 1;
    /** HTTP client calls. */
    public static final int HTTP = 2;
    /** Kafka producer sends. */
    public static final int KAFKA = 3;

    private static final int KINDS = 4;

    private static final ThreadLocal<int[]> DEPTHS = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[KINDS];
        }
    };

    private CallDepth() {
    }

    /** Enters a call of {@code kind}; returns the depth before entering (0 = outermost call). */
    public static int enter(int kind) {
        int[] d = DEPTHS.get();
        return d[kind]++;
    }

    /**
     * Whether the current thread is inside a call of {@code kind}: advice on asynchronous hooks (which cannot pair an
     * exit with their enter) asks this so that a caller that already decided (chaos-spring's HTTP interceptor, which
     * enters {@link #HTTP} around the request) is not decided again.
     */
    public static boolean isInside(int kind) {
        return DEPTHS.get()[kind] > 0;
    }

    /** Leaves a call entered with {@link #enter(int)}. */
    public static void exit(int kind) {
        int[] d = DEPTHS.get();
        if (d[kind] > 0) {
            d[kind]--;
        }
    }

    /**
     * Performs a fault inside a call entered with {@link #enter(int)}. When the fault throws, the call is left first:
     * exit advice does not run when enter advice throws, so the depth would otherwise stay raised.
     */
    public static void perform(dev.chaosmonkey.core.Injection injection, ClassLoader loader, int kind) {
        try {
            injection.perform(loader);
        } catch (Throwable fault) {
            exit(kind);
            throw fault;
        }
    }
}
