package dev.chaosmonkey.agent.bootstrap;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reactor Netty {@code HttpClient} (what Spring's {@code WebClient} runs on by default): decided when the request's
 * connection {@code Mono} is subscribed ({@code HttpClientConnect.MonoHttpConnect.subscribe}), once per logical
 * request (redirects and Reactor Netty's own connection retries happen inside it; a user's {@code retry()}
 * subscribes again and is a new request). The advice builds the faulted pipeline with Reactor's public API; this
 * class gives it the attributes, the decision and what bootstrap code can hold ({@code java.base} types only).
 *
 * <p>A request is skipped when its subscriber's Reactor context holds {@link #DECIDED}: chaos-spring's WebClient
 * filter sets it when it decided the exchange itself, and the advice sets it when it re-subscribes a held request
 * to let it proceed. The per-thread {@link HttpDispatch#CALLS} marker is honoured too (RestClient over Reactor
 * Netty's request factory, whose interceptor decides on the calling thread that then blocks on the request).
 */
public final class ReactorNettyCalls {
    /** Subscriptions of a request's connection. */
    public static final ChaosCall CALLS = new ChaosCall("reactor-netty", ChaosBridge.HTTP);
    /** Reactor context key: the request was decided elsewhere (or already here); do not decide it again. */
    public static final String DECIDED = "dev.chaosmonkey.http.decided";

    private ReactorNettyCalls() {
    }

    /** Whether a rule is active on HTTP and no caller on this thread decided the call: one volatile read disarmed. */
    public static boolean armed() {
        return ChaosBridge.isArmed(ChaosBridge.HTTP) && !HttpDispatch.CALLS.isInside();
    }

    /**
     * The decision for one request from its configuration: {@code uri} as given to {@code uri(...)} (absolute, or
     * relative to {@code baseUrl}, or a path on the configured remote address), {@code null} to proceed.
     */
    public static FiredFault decide(String method, String uri, String baseUrl, boolean secure,
            Supplier<?> remoteAddress) {
        try {
            String u = uri == null || uri.isEmpty() ? "/" : uri;
            if (baseUrl != null && !baseUrl.isEmpty() && !u.contains("://")) {
                u = (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl)
                        + (u.startsWith("/") ? u : "/" + u);
            }
            String scheme;
            String host;
            int port;
            String path;
            if (u.contains("://")) {
                URI parsed = URI.create(u);
                scheme = parsed.getScheme();
                host = parsed.getHost();
                port = HttpDispatch.port(parsed.getPort(), scheme);
                path = HttpDispatch.path(parsed.getRawPath());
            } else {
                scheme = secure ? "https" : "http";
                Object address = remoteAddress == null ? null : remoteAddress.get();
                if (address instanceof InetSocketAddress) {
                    host = ((InetSocketAddress) address).getHostString();
                    port = ((InetSocketAddress) address).getPort();
                } else {
                    host = null;
                    port = -1;
                }
                path = HttpDispatch.path(u);
            }
            return ChaosBridge.state().decideHttp(method, scheme, host, port, path);
        } catch (Throwable t) {
            CALLS.internalError(t);
            return null;
        }
    }

    /** The failure an exception fault or (after its bound) a timeout fault delivers as the error signal. */
    public static Throwable failure(FiredFault fault, Object self) {
        ClassLoader loader = self.getClass().getClassLoader();
        if (fault.kind() == FiredFault.HTTP_STATUS) {
            // Reactor Netty's response is bound to a live connection: the status arrives as an IOException naming it
            return new java.io.IOException("chaos: HTTP " + fault.httpStatus() + " injected by rule "
                    + fault.ruleId());
        }
        return fault.newThrowable(loader, null);
    }

    /** Any other fault acts on the subscribing thread: what it raised (for the error signal), or {@code null}. */
    public static Throwable performOther(FiredFault fault, Object self) {
        try {
            fault.perform(self.getClass().getClassLoader());
            return null;
        } catch (Throwable injected) {
            return injected;
        }
    }

    /**
     * After a timeout's hold: the error {@code Mono} when the hold ran its course, else (released by the kill
     * switch) the request itself, as if nothing had been injected. For {@code Mono.flatMap}.
     */
    public static Function<Object, Object> afterTimeout(Object error, Object proceed) {
        return new AfterTimeout(error, proceed);
    }

    private static final class AfterTimeout implements Function<Object, Object> {
        private final Object error;
        private final Object proceed;

        AfterTimeout(Object error, Object proceed) {
            this.error = error;
            this.proceed = proceed;
        }

        @Override
        public Object apply(Object ranItsCourse) {
            return Boolean.TRUE.equals(ranItsCourse) ? error : proceed;
        }
    }
}
