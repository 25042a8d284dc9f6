package dev.chaosmonkey.agent.bootstrap;

/** A rule fired on one call: what woven code needs of chaos-core's injection, in {@code java.base} types. */
public interface FiredFault {
    /** Throws an exception ({@code exception(...)}). */
    int EXCEPTION = 0;
    /** Delays the call ({@code delay(...)}). */
    int DELAY = 1;
    /** Hangs, then throws the point's timeout exception ({@code timeout(...)}). */
    int TIMEOUT = 2;
    /** Answers an HTTP call with a synthetic status ({@code status(...)}). */
    int HTTP_STATUS = 3;
    /** Any other fault (resource faults acting on calls); {@link #perform(ClassLoader)} does what it needs. */
    int OTHER = 4;
    /** Makes a woven method return a value without running ({@code return(...)}, method point). */
    int RETURN = 5;

    /** The id of the rule that fired. */
    String ruleId();

    /** One of {@link #EXCEPTION}, {@link #DELAY}, {@link #TIMEOUT}, {@link #HTTP_STATUS}, {@link #OTHER}. */
    int kind();

    /** The status of an {@link #HTTP_STATUS} fault, else -1. */
    int httpStatus();

    /**
     * The body of an {@link #HTTP_STATUS} fault's synthetic response as the spec gave it ({@code body="..."};
     * {@code ""} for an empty one), or {@code null} for the default body naming the rule (and for other faults).
     */
    default String httpBody() {
        return null;
    }

    /** A drawn delay for {@link #DELAY}, the bound for {@link #TIMEOUT}, else 0. */
    long delayNanos();

    /**
     * Performs the fault on the calling thread (sleeps, throws; checked exceptions undeclared).
     *
     * @param loader class loader of the instrumented code, to find exception classes; may be {@code null}
     */
    void perform(ClassLoader loader);

    /** The throwable an exception or timeout fault raises, not thrown ({@code defaultClassName} may be null). */
    Throwable newThrowable(ClassLoader loader, String defaultClassName);

    /** Sleeps for a delay or a timeout's bound; no-op for other faults. */
    void sleep();

    /**
     * For {@link #RETURN}: the value a method returning {@code type} returns instead of running, or
     * {@link MethodCalls#PROCEED} when it does not fit the type (the method then runs).
     */
    default Object returnValue(Class<?> type) {
        return MethodCalls.PROCEED;
    }

    /** Resets a TCP connection ({@code reset}, net point). */
    int RESET = 6;
    /** Limits a TCP connection's throughput ({@code bandwidth(...)}, net point). */
    int BANDWIDTH = 7;
    /** Stalls a TCP connection after some bytes ({@code stall(...)}, net point). */
    int STALL = 8;

    /**
     * For the net point's connection faults: the bytes let through before a {@link #RESET} or {@link #STALL}, the
     * rate in bytes per second of a {@link #BANDWIDTH} fault; 0 otherwise.
     */
    default long netBytes() {
        return 0;
    }

    /** How long a {@link #STALL} lasts in nanoseconds; 0 for as long as the rule acts. */
    default long stallNanos() {
        return 0;
    }

    /**
     * Holds the calling thread on the rule (released at once by disarm, expiry, the kill switch).
     *
     * @return {@code false} when released because the rule stopped acting
     */
    default boolean hold(long nanos) {
        return false;
    }

    /** Whether the rule still acts: state it left on a connection ends when it does not. */
    default boolean acting() {
        return false;
    }

    /** {@code t} labelled as injected by this rule (for failures woven code builds itself). */
    default Throwable labelled(Throwable t) {
        return t;
    }
}
