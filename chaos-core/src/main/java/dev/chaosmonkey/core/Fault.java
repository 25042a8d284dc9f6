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
