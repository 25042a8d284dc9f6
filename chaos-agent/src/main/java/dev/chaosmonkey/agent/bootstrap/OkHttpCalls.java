package dev.chaosmonkey.agent.bootstrap;

/**
 * OkHttp 3, 4 and 5 {@code RealCall.getResponseWithInterceptorChain}: the attributes of the call, read through
 * {@link PublicMethod}s (OkHttp lives in an application class loader). The synthetic response of a status fault
 * is built by the advice, which can name OkHttp's types.
 */
public final class OkHttpCalls {
    /** Calls through the interceptor chain (run once per call: retries and redirects happen inside it). */
    public static final ChaosCall CALLS = new ChaosCall("okhttp", ChaosBridge.HTTP);
    private static final PublicMethod REQUEST = new PublicMethod("request", 0);
    private static final PublicMethod URL = new PublicMethod("url", 0);
    private static final PublicMethod METHOD = new PublicMethod("method", 0);
    private static final PublicMethod SCHEME = new PublicMethod("scheme", 0);
    private static final PublicMethod HOST = new PublicMethod("host", 0);
    private static final PublicMethod PORT = new PublicMethod("port", 0);
    private static final PublicMethod PATH = new PublicMethod("encodedPath", 0);

    private OkHttpCalls() {
    }

    /** The decision for {@code call}: {@code null} to proceed (also while disarmed: one volatile read). */
    public static FiredFault decide(Object call) {
        if (!ChaosBridge.isArmed(ChaosBridge.HTTP) || HttpDispatch.CALLS.isInside()) {
            return null;
        }
        try {
            Object request = REQUEST.call(call);
            Object url = URL.call(request);
            return ChaosBridge.state().decideHttp((String) METHOD.call(request), (String) SCHEME.call(url),
                    (String) HOST.call(url), (Integer) PORT.call(url), HttpDispatch.path((String) PATH.call(url)));
        } catch (Throwable t) {
            CALLS.internalError(t);
            return null;
        }
    }
}
