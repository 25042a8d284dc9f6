package dev.chaosmonkey.core;

/**
 * A decision to inject a fault into one call, returned by the {@code decide*} methods of {@link ChaosMonkey}.
 * Instrumentation either calls {@link #perform(ClassLoader)} (synchronous calls) or inspects {@link #fault()} to
 * fail asynchronously (futures, callbacks) or to build a synthetic HTTP response.
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
     * Creates the throwable an exception or timeout fault should raise, without throwing it.
     *
     * @param loader class loader of the instrumented code, may be {@code null}
     * @param defaultClassName class to use when the fault names none, or {@code null} for the point's default
     */
    Throwable newThrowable(ClassLoader loader, String defaultClassName);

    /** Sleeps for the fault's delay (delay: a drawn delay, timeout: the bound); no-op for other faults. */
    void sleep();
}
