package dev.chaosmonkey.agent.bootstrap;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where woven code reaches the live chaos state: a handle the agent installs ({@link #install(ChaosState)}), and
 * the count of internal errors of the advice. On the bootstrap class path, so it references {@code java.base}
 * only; chaos-core itself stays with the class loader that owns it, so an application that already loaded
 * chaos-core keeps working when the agent attaches, and shares its state with the woven calls.
 */
public final class ChaosBridge {
    /** Point bits, as chaos-core's {@code InjectionPoint.bit()} ({@code 1 << ordinal}); checked at install. */
    public static final int JDBC = 1;
    /** Outgoing HTTP. */
    public static final int HTTP = 1 << 1;
    /** Kafka producer sends. */
    public static final int KAFKA = 1 << 2;
    /** Woven methods. */
    public static final int METHOD = 1 << 3;
    /** Host-name lookups. */
    public static final int DNS = 1 << 4;

    private static volatile ChaosState state = ChaosState.NONE;
    private static final LongAdder INTERNAL_ERRORS = new LongAdder();
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private ChaosBridge() {
    }

    /** Points woven code at {@code live}; every later call of woven code decides against it. */
    public static void install(ChaosState live) {
        if (live == null) {
            throw new IllegalArgumentException("live chaos state must not be null");
        }
        state = live;
    }

    /** The installed state ({@link ChaosState#NONE} before the agent installed one). */
    public static ChaosState state() {
        return state;
    }

    /** Whether a rule is active on {@code point}: the disarmed path of every advice, two plain reads. */
    public static boolean isArmed(int point) {
        return (state.armedMask() & point) != 0;
    }

    /**
     * Counts an error raised by chaos advice itself (never by the injected fault) and logs it once per place; the
     * instrumented call proceeds without chaos. Virtual machine errors are rethrown.
     */
    public static void internalError(String where, Throwable t) {
        if (t instanceof VirtualMachineError) {
            throw (VirtualMachineError) t;
        }
        INTERNAL_ERRORS.increment();
        if (LOGGED.add(where)) {
            try {
                System.getLogger("dev.chaosmonkey").log(System.Logger.Level.WARNING, "chaos-agent: internal error in"
                        + " the " + where + " instrumentation; the call proceeds without chaos (logged once)", t);
            } catch (RuntimeException | LinkageError e) {
                // logging must never break the host application
            }
        }
    }

    /** Internal errors of the advice so far (each one let its call proceed without chaos). */
    public static long internalErrors() {
        return INTERNAL_ERRORS.sum();
    }
}
