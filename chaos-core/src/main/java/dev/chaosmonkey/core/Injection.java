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
     * Holds an asynchronous call for {@code nanos} without blocking a thread (a delay's drawn
     * {@link Fault#nextPauseNanos() pause}, a timeout's bound), for clients that deliver faults through a future or a reactive pipeline. The hold
     * counts in {@link ChaosMonkey#heldCalls()} while pending and ends early when the rule stops acting (disarmed,
     * the kill switch, expiry, chaos disabled); cancelling the future ends it too.
     *
     * @return completed on the {@code CompletableFuture} default async pool with {@code true} when the hold ran its
     *     course, {@code false} when the engine released it: the call must then proceed as if nothing had been
     *     injected
     */
    java.util.concurrent.CompletableFuture<Boolean> holdAsync(long nanos);

    /**
     * Holds the calling thread for {@code nanos} (a dribbled body's chunk), ending early when the rule stops acting
     * (disarm, the kill switch, expiry, chaos disabled).
     *
     * @return {@code false} when the rule stopped acting: the caller then stops injecting
     */
    default boolean hold(long nanos) {
        return false;
    }

    /**
     * Labels a throwable that instrumentation built itself for this injection (a client's own reset or premature-EOF
     * exception) as injected by this rule, like every throwable the engine makes, and returns it.
     */
    default Throwable label(Throwable t) {
        return InjectedFailures.label(t, ruleId());
    }
}
