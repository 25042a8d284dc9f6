package dev.chaosmonkey.core;

import java.time.Duration;

/**
 * What happens when a rule fires. Faults are immutable values; create them with the static factories here or
 * parse them from a fault spec ({@link FaultSpec}).
 *
 * <p>Per-call faults ({@link ExceptionFault}, {@link DelayFault}, {@link TimeoutFault}, {@link HttpStatusFault})
 * act on the call that triggered them. {@link ResourceFault}s run in the background for as long as their rule is
 * armed.
 */
public abstract class Fault {

    Fault() {
    }

    /** The fault's name in the spec format, e.g. {@code exception}, {@code delay}. */
    public abstract String kind();

    /** This fault in the spec format, e.g. {@code delay(100ms..500ms)}. */
    public abstract String toSpec();

    /**
     * Checks that this fault makes sense at a point.
     *
     * @throws IllegalArgumentException naming the problem
     */
    abstract void validateFor(InjectionPoint point);

    // ---- what the fault does to a call ------------------------------------------------------------------------
    // Each fault answers these itself, so the engine and the instrumentation never ask which subclass they hold.

    /**
     * Performs this fault on the calling thread for one call its rule fired on, up to but not including throwing.
     *
     * @param rule the firing rule: its id, point, resolved exception class and releasable pause
     * @param loader the class loader of the instrumented code, may be {@code null}
     * @param defaultClassName the class to throw when the fault names none, or {@code null} for the point's default
     * @return the throwable the call must fail with, or {@code null} to let the call proceed (also when the rule was
     *     disarmed while the call was held)
     */
    abstract Throwable perform(RuleRuntime rule, ClassLoader loader, String defaultClassName);

    /**
     * The throwable this fault raises for a call, without pausing or throwing it: a {@link ChaosInjectedException}
     * naming the fault for faults that raise nothing of their own.
     */
    Throwable newThrowable(RuleRuntime rule, ClassLoader loader, String defaultClassName) {
        return new ChaosInjectedException("chaos: " + kind() + " injected by rule " + rule.id);
    }

    /** Whether this fault has a background effect that runs while its rule acts (the resource faults). */
    boolean runsInBackground() {
        return false;
    }

    /** Starts the background effect; only called when {@link #runsInBackground()}. */
    ResourceFault.Running startInBackground(String ruleId) {
        throw new UnsupportedOperationException(kind() + " has no background effect");
    }

    /** The longest time this fault holds one call (a delay's maximum, a timeout's bound); zero if it holds none. */
    public Duration longestPause() {
        return Duration.ZERO;
    }

    /** The time to hold one call, in nanoseconds: drawn for delays, the bound for timeouts, 0 otherwise. */
    public long nextPauseNanos() {
        return 0;
    }

    /** The exception class this fault names in its spec, or {@code null} (none named, or it throws none). */
    public String explicitExceptionClass() {
        return null;
    }

    /** Whether the call fails with a throwable (after any pause): true for exception and timeout faults. */
    public boolean failsCall() {
        return false;
    }

    /**
     * Whether the throwable is a timeout: clients with a timeout type of their own (the JDK {@code HttpClient}'s
     * {@code HttpTimeoutException}) pass it as the default class when this is true.
     */
    public boolean throwsTimeout() {
        return false;
    }

    /** The status of the synthetic response the call should get instead of reaching the server; 0 for none. */
    public int responseStatus() {
        return 0;
    }

    /**
     * The SQLState an injected {@code java.sql.SQLException} carries ({@code sqlState=}); {@code null} for its class's
     * default (see {@code SqlStates}).
     */
    String sqlState() {
        return null;
    }

    /** The vendor code an injected {@code java.sql.SQLException} carries ({@code vendorCode=}); {@code null} for 0. */
    Integer vendorCode() {
        return null;
    }

    /** Throws the given exception, checked or not, without declaring it. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> RuntimeException sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    // ---- factories ------------------------------------------------------------------------------------------

    /** Throws the point's default exception (see {@link ExceptionFault}). */
    public static ExceptionFault exception() {
        return new ExceptionFault(null, null);
    }

    /** Throws a new instance of {@code type} with the given message (may be {@code null}). */
    public static ExceptionFault exception(Class<? extends Throwable> type, String message) {
        return new ExceptionFault(type.getName(), message);
    }

    /** Throws a new instance of the named class (resolved when the rule is armed) with the given message. */
    public static ExceptionFault exception(String className, String message) {
        return new ExceptionFault(className, message);
    }

    /** Delays the call by a fixed time. */
    public static DelayFault delay(Duration delay) {
        return DelayFault.fixed(delay);
    }

    /** Delays the call by a time drawn uniformly from {@code [min, max]}. */
    public static DelayFault delay(Duration min, Duration max) {
        return DelayFault.range(min, max);
    }

    /** Delays the call by {@code base} plus or minus a uniform jitter of up to {@code jitter}. */
    public static DelayFault delayWithJitter(Duration base, Duration jitter) {
        return DelayFault.jitter(base, jitter);
    }

    /** Hangs the call for {@code bound} (or until interrupted), then throws the point's timeout exception. */
    public static TimeoutFault timeout(Duration bound) {
        return new TimeoutFault(bound, null);
    }

    /** Hangs the call for {@code bound} (or until interrupted), then throws the named exception class. */
    public static TimeoutFault timeout(Duration bound, String exceptionClass) {
        return new TimeoutFault(bound, exceptionClass);
    }

    /** Answers an HTTP call with a synthetic error response (500, 502, 503 or 504) where the client allows it. */
    public static HttpStatusFault httpStatus(int status) {
        return new HttpStatusFault(status);
    }

    @Override
    public String toString() {
        return toSpec();
    }
}
