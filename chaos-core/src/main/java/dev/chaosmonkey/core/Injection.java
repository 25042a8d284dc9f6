package dev.chaosmonkey.core;

/**
 * A decision to inject a fault into one call, returned by the {@code decide*} methods of {@link ChaosMonkey}.
 * Instrumentation either calls {@link #perform(ClassLoader)} (synchronous calls), {@link #performNoThrow} (to fail
 * the call its own way, e.g. through a callback), or asks {@link #fault()} what it does
 * ({@link Fault#responseStatus()}, {@link Fault#failsCall()}, {@link Fault#nextPauseNanos()}) to fail asynchronously
 * or to build a synthetic HTTP response. It never needs to know which {@link Fault} subclass it holds.
 *
 * <p>Holds (delays, timeouts) end early when the rule stops acting (disarmed, the kill switch, expiry, chaos
 * disabled); the call then proceeds as if nothing had been injected.
 */
public interface Injection {

    /** The id of the rule that fired. */
    String ruleId();

    /** The fault to inject. */
    Fault fault();

    /** The point the rule is on. */
    InjectionPoint point();

    /**
     * Performs the fault on the current thread: sleeps for delays, sleeps then throws for timeouts, throws for
     * exceptions (checked ones too, undeclared). An HTTP status fault, which needs the client's cooperation, throws an
     * {@code IOException} naming the status when performed this way.
     *
     * @param loader the class loader of the instrumented code, used to find exception classes; may be {@code null}
     */
    void perform(ClassLoader loader);

    /**
     * Performs the fault like {@link #perform(ClassLoader)} but returns the throwable instead of throwing it.
     *
     * @param loader the class loader of the instrumented code, may be {@code null}
     * @param defaultClassName class to throw when the fault names none, or {@code null} for the point's default
     * @return what the call must fail with, or {@code null} when it proceeds (a delay, a resource fault, or a hold the
     *     engine released because the rule was disarmed)
     */
    default Throwable performNoThrow(ClassLoader loader, String defaultClassName) {
        try {
            perform(loader);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /**
     * Creates the throwable an exception or timeout fault should raise, without throwing it.
     *
     * @param loader class loader of the instrumented code, may be {@code null}
     * @param defaultClassName class to use when the fault names none, or {@code null} for the point's default
     */
    Throwable newThrowable(ClassLoader loader, String defaultClassName);

    /**
     * Holds the call for the fault's pause (delay: a drawn delay, timeout: the bound); no-op for other faults. Ends
     * early when the rule stops acting.
     */
    void sleep();

    /**
     * Holds the calling thread for {@code nanos} on this rule's gate (what faults that shape a connection over time
     * wait with: bandwidth, stall), ended early when the rule stops acting.
     *
     * @return {@code false} when the hold was released because the rule stopped acting
     */
    default boolean hold(long nanos) {
        return false;
    }

    /**
     * Whether the rule still acts (armed, not expired, chaos enabled): state a fault left on a connection ends with
     * it.
     */
    default boolean acting() {
        return false;
    }

    /**
     * Labels {@code t} as injected by this rule (see {@link InjectedFailures}): for failures instrumentation builds
     * itself, such as the read timeout a delay longer than the socket's {@code SO_TIMEOUT} turns into.
     */
    default Throwable labelled(Throwable t) {
        return InjectedFailures.label(t, ruleId());
    }
}
