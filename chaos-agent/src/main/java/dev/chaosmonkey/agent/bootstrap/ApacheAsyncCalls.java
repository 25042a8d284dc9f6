package dev.chaosmonkey.agent.bootstrap;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Apache HttpClient 5 async: {@code InternalAbstractHttpAsyncClient.executeImmediate(request, entityProducer, scope,
 * chain, callback)}, run once per logical call when the request is handed to the execution chain (retries and
 * redirects are chain elements inside it). Failures are delivered as the client delivers its own: through the exec
 * callback, which fails the returned future and calls the user's {@code FutureCallback.failed}; nothing is thrown to
 * the caller. Delays and timeouts are engine holds on a timer, never on the calling thread, which the kill switch
 * releases at once.
 */
public final class ApacheAsyncCalls {
    /** Hand-offs of async requests to the execution chain. */
    public static final ChaosCall CALLS = new ChaosCall("apache-httpclient5-async", ChaosBridge.HTTP);
    private static final InterfaceMethod FAILED = new InterfaceMethod("failed", 1);
    private static final InterfaceMethod PROCEED = new InterfaceMethod("proceed", 4);

    private ApacheAsyncCalls() {
    }

    /** Whether a rule is active on HTTP: the disarmed path of the advice (one volatile read). */
    public static boolean armed() {
        return ChaosBridge.isArmed(ChaosBridge.HTTP) && !HttpDispatch.CALLS.isInside();
    }

    /**
     * Performs {@code fault} for one hand-off: {@code true} when the call was taken over (failed through
     * {@code callback} or re-run later by a timer), {@code false} to let {@code executeImmediate} proceed now.
     */
    public static boolean perform(FiredFault fault, Object client, Object request, Object entityProducer,
            Object scope, Object chain, Object callback) {
        ClassLoader loader = client.getClass().getClassLoader();
        switch (fault.kind()) {
            case FiredFault.EXCEPTION:
                fail(callback, fault.newThrowable(loader, null), 0);
                return true;
            case FiredFault.TIMEOUT:
                Throwable timeout = fault.newThrowable(loader, null);
                if (!(timeout instanceof Exception)) {
                    throw ChaosCall.sneakyThrow(timeout);
                }
                // released by the kill switch: the real call is made, as if nothing had been injected
                AsyncFaults.afterHold(fault, fault.delayNanos(), new Failure(callback, (Exception) timeout),
                        new Proceed(request, entityProducer, scope, chain, callback));
                return true;
            case FiredFault.DELAY:
                Proceed proceed = new Proceed(request, entityProducer, scope, chain, callback);
                AsyncFaults.afterHold(fault, fault.delayNanos(), proceed, proceed);
                return true;
            case FiredFault.HTTP_BODY:
                // no body stream here: the fallback failure (reset: SocketException) goes through the callback
                try {
                    fault.perform(loader);
                } catch (Throwable failure) {
                    fail(callback, failure, 0);
                    return true;
                }
                return false;
            default:
                fault.perform(loader);
                return false;
        }
    }

    /** Fails {@code callback} with {@code failure}: at once, or after {@code delayNanos} on a timer. */
    public static void fail(Object callback, Throwable failure, long delayNanos) {
        if (!(failure instanceof Exception)) {
            // an Error cannot go through failed(Exception): thrown, as the client would let it escape
            throw ChaosCall.sneakyThrow(failure);
        }
        Failure f = new Failure(callback, (Exception) failure);
        if (delayNanos <= 0) {
            f.run();
        } else {
            CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS).execute(f);
        }
    }

    private static final class Failure implements Runnable {
        private final Object callback;
        private final Exception failure;

        Failure(Object callback, Exception failure) {
            this.callback = callback;
            this.failure = failure;
        }

        @Override
        public void run() {
            try {
                FAILED.invoke(callback, failure);
            } catch (Throwable t) {
                CALLS.internalError(t);
            }
        }
    }

    /** The delayed call: what {@code executeImmediate} does ({@code chain.proceed}), on the timer thread. */
    private static final class Proceed implements Runnable {
        private final Object request;
        private final Object entityProducer;
        private final Object scope;
        private final Object chain;
        private final Object callback;

        Proceed(Object request, Object entityProducer, Object scope, Object chain, Object callback) {
            this.request = request;
            this.entityProducer = entityProducer;
            this.scope = scope;
            this.chain = chain;
            this.callback = callback;
        }

        @Override
        public void run() {
            try {
                PROCEED.invoke(chain, request, entityProducer, scope, callback);
            } catch (Exception e) {
                // the real call failed (HttpException, IOException): as executeImmediate's caller reports it
                try {
                    FAILED.invoke(callback, e);
                } catch (Throwable t) {
                    CALLS.internalError(t);
                }
            } catch (Throwable t) {
                CALLS.internalError(t);
            }
        }
    }
}
