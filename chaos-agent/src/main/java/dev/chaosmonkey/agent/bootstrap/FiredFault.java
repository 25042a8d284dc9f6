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
    /** Fails or slows the real HTTP response body ({@code reset}, {@code truncate(...)}, {@code dribble(...)}). */
    int HTTP_BODY = 6;
    /** {@link #bodyMode()} of {@code reset} and {@code reset(after=...)}. */
    int BODY_RESET = 0;
    /** {@link #bodyMode()} of {@code truncate(after=...)}. */
    int BODY_TRUNCATE = 1;
    /** {@link #bodyMode()} of {@code dribble(rate=...)}. */
    int BODY_DRIBBLE = 2;

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

    /**
     * The {@code header=} fields of an {@link #HTTP_STATUS} fault other than {@code Content-Type}, flat:
     * {@code name0, value0, name1, value1, ...} in spec order; empty for other faults.
     */
    default String[] httpHeaders() {
        return SyntheticHttp.NO_HEADERS;
    }

    /** The {@code Content-Type} an {@link #HTTP_STATUS} fault's {@code header=} gives, or {@code null}. */
    default String httpContentType() {
        return null;
    }

    /**
     * Whether the throwable of an exception or timeout fault has a message chaos-core generated (naming the rule)
     * rather than one the spec gave; points that shape messages like their library's (dns) reshape only those.
     */
    default boolean generatedMessage() {
        return false;
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
     * Holds an asynchronous call for {@code nanos} without blocking a thread: completes with {@code true} when the
     * hold ran its course, {@code false} when the engine released it (disarm, the kill switch, expiry, chaos
     * disabled: the call then proceeds as if nothing had been injected). Counted in the engine's held calls while
     * pending; completed on the {@code CompletableFuture} default async pool; cancelling it ends the hold.
     */
    java.util.concurrent.CompletableFuture<Boolean> holdAsync(long nanos);

    /**
     * For {@link #RETURN}: the value a method returning {@code type} returns instead of running, or
     * {@link MethodCalls#PROCEED} when it does not fit the type (the method then runs).
     */
    default Object returnValue(Class<?> type) {
        return MethodCalls.PROCEED;
    }

    /** For {@link #HTTP_BODY}: {@link #BODY_RESET}, {@link #BODY_TRUNCATE} or {@link #BODY_DRIBBLE}; else -1. */
    default int bodyMode() {
        return -1;
    }

    /** For {@link #HTTP_BODY}: body bytes before the failure, -1 for a reset before the response (and dribble). */
    default long bodyAfterBytes() {
        return -1;
    }

    /**
     * For {@link #HTTP_BODY}: whether the call goes to the server and the fault acts on its real response's body (a
     * reset or truncation after some bytes, a dribble); {@code false} for a reset before any response.
     */
    default boolean actsOnResponseBody() {
        return bodyAfterBytes() >= 0 || bodyMode() == BODY_DRIBBLE;
    }

    /** For a dribble: bytes per chunk. */
    default long bodyChunkBytes() {
        return 0;
    }

    /** For a dribble: how long each chunk is held. */
    default long bodyChunkPauseNanos() {
        return 0;
    }

    /** Holds the thread for {@code nanos} unless the rule stops acting first; {@code false} once it has. */
    default boolean hold(long nanos) {
        return false;
    }

    /** Labels a throwable built by the advice (a client's own exception type) as injected by this rule. */
    default Throwable label(Throwable t) {
        return t;
    }

    /** Resets a TCP connection ({@code reset} on the net point). */
    int NET_RESET = 7;
    /** Limits a TCP connection's throughput ({@code bandwidth(...)}, net point). */
    int NET_BANDWIDTH = 8;
    /** Stalls a TCP connection after some bytes ({@code stall(...)}, net point). */
    int NET_STALL = 9;

    /**
     * For the net point's connection faults: the bytes let through before a {@link #NET_RESET} or {@link #NET_STALL}
     * (0: at once), the rate in bytes per second of a {@link #NET_BANDWIDTH} fault; 0 otherwise.
     */
    default long netBytes() {
        return 0;
    }

    /** How long a {@link #NET_STALL} lasts in nanoseconds; 0 for as long as the rule acts. */
    default long stallNanos() {
        return 0;
    }

    /** Whether the rule still acts: state it left on a connection ends when it does not. */
    default boolean acting() {
        return false;
    }
}
