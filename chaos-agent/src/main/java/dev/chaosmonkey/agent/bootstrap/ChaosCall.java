package dev.chaosmonkey.agent.bootstrap;

/**
 * The skeleton every advice shares, once: the armed check (the whole disarmed path), the call-depth guard, internal
 * errors swallowed and counted, the fault performed (the call left first when it throws), the exit. Advice is then a
 * few lines:
 *
 * <pre>{@code
 * int depth = JdbcCalls.STATEMENTS.enter();
 * if (depth == 0) {
 *     JdbcCalls.STATEMENTS.perform(JdbcCalls.decideStatement(statement, method, sql), statement);
 * }
 * return depth;   // exit advice: JdbcCalls.STATEMENTS.exit(depth)
 * }</pre>
 *
 * Each library's calls class ({@code JdbcCalls}, {@code HttpCalls}, ...) owns its instances and their state.
 */
public final class ChaosCall {
    /** {@link #enter()} result when the point is disarmed: nothing was entered. */
    public static final int DISARMED = -1;

    private final String name;
    private final int point;
    private final CallDepth depth = new CallDepth();

    /** A call of the instrumentation {@code name} (as in internal-error logs) at the {@link ChaosBridge} point. */
    public ChaosCall(String name, int point) {
        this.name = name;
        this.point = point;
    }

    /**
     * Enters the call: {@link #DISARMED} when no rule is active on the point (one volatile read, no allocation),
     * else the depth before entering (0 = outermost: decide; more = a nested call of the same logical call).
     */
    public int enter() {
        if (!ChaosBridge.isArmed(point)) {
            return DISARMED;
        }
        return depth.enter();
    }

    /**
     * Marks the current thread as inside a call of this kind that was decided elsewhere (chaos-spring's HTTP
     * interceptor), armed or not, so that the woven client underneath does not decide the same logical call again.
     * Pair with {@link #exitDecidedElsewhere()}.
     */
    public void enterDecidedElsewhere() {
        depth.enter();
    }

    /** Leaves {@link #enterDecidedElsewhere()}. */
    public void exitDecidedElsewhere() {
        depth.exit();
    }

    /** Whether the current thread is inside a call of this kind (entered here or elsewhere). */
    public boolean isInside() {
        return depth.isInside();
    }

    /** Leaves a call entered with {@link #enter()} (exit advice, also when the call threw). */
    public void exit(int entered) {
        if (entered != DISARMED) {
            depth.exit();
        }
    }

    /**
     * Performs {@code fault} (ignores {@code null}) inside an entered call, with the class loader of {@code self}
     * for exception classes. When the fault throws, the call is left first: exit advice does not run when enter
     * advice throws.
     */
    public void perform(FiredFault fault, Object self) {
        if (fault == null) {
            return;
        }
        try {
            fault.perform(self == null ? null : self.getClass().getClassLoader());
        } catch (Throwable injected) {
            depth.exit();
            throw injected;
        }
    }

    /** Counts and logs once an internal error of this instrumentation; the call proceeds without chaos. */
    public void internalError(Throwable t) {
        ChaosBridge.internalError(name, t);
    }

    /** Throws {@code t}, checked or not, without declaring it (injected faults keep their type). */
    @SuppressWarnings("unchecked")
    public static <T extends Throwable> RuntimeException sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    /** The point bit this call is on. */
    public int point() {
        return point;
    }
}
