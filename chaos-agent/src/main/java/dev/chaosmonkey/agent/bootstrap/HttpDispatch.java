package dev.chaosmonkey.agent.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * HTTP calls and their state: one call depth shared by the blocking clients (one logical call, one decision), the
 * decisions made per {@code HttpURLConnection}, and the decisions for the JDK {@code HttpClient}, whose
 * {@code java.net.http} types are reached through method handles (that module is invisible from here).
 */
public final class HttpDispatch {
    /** Blocking HTTP client calls ({@code HttpURLConnection}, Apache HttpClient). */
    public static final ChaosCall CALLS = new ChaosCall("http", ChaosBridge.HTTP);
    /**
     * Decision already made per {@code HttpURLConnection}: {@link #DECIDED}, the failure it keeps raising, or its
     * synthetic {@link UrlConnectionResponse}.
     */
    public static final WeakStore<Object> URL_CONNECTION_DECISION = new WeakStore<>();
    private static final Object DECIDED = new Object();
    private static final String JDK_TIMEOUT = "java.net.http.HttpTimeoutException";

    private HttpDispatch() {
    }

    /**
     * For {@code HttpClient.send/sendAsync} (one private method both go through): {@code null} to proceed (also
     * while disarmed: one volatile read), else what the fired rule does to the call. Delays and timeouts are holds
     * the kill switch releases: a released timeout makes the real call then (through the public
     * {@code sendAsync(request, handler, pushHandler)} of {@code client}), as if nothing had been injected.
     */
    public static JdkHttpDecision jdkClient(Object client, Object request, Object bodyHandler, Object pushHandler) {
        if (!ChaosBridge.isArmed(ChaosBridge.HTTP) || CALLS.isInside()) {
            return null;
        }
        URI uri;
        FiredFault fault;
        try {
            uri = (URI) JdkTypes.URI.invokeExact(request);
            String scheme = uri.getScheme();
            fault = ChaosBridge.state().decideHttp((String) JdkTypes.METHOD.invokeExact(request), scheme,
                    uri.getHost(), port(uri.getPort(), scheme), path(uri.getRawPath()));
        } catch (Throwable t) {
            ChaosBridge.internalError("jdk-http-client", t);
            return null;
        }
        if (fault == null) {
            return null;
        }
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        switch (fault.kind()) {
            case FiredFault.DELAY:
                return JdkHttpDecision.delay(fault, fault.delayNanos());
            case FiredFault.HTTP_STATUS:
                return JdkHttpDecision.replace(JdkHttpResponses.synthetic(request, uri, bodyHandler, fault));
            case FiredFault.TIMEOUT:
                return JdkHttpDecision.replace(AsyncFaults.timeout(fault, fault.delayNanos(),
                        fault.newThrowable(platform, JDK_TIMEOUT), new JdkSend(client, request, bodyHandler,
                                pushHandler)));
            case FiredFault.EXCEPTION:
                return JdkHttpDecision.replace(AsyncFaults.failed(fault.newThrowable(platform, null)));
            case FiredFault.HTTP_BODY:
                if (fault.actsOnResponseBody()) {
                    return JdkHttpDecision.wrapBody(fault);
                }
                // a reset before any response: what the JDK raises for a real one
                return JdkHttpDecision.replace(AsyncFaults.failed(fault.label(new java.io.IOException(
                        "HTTP/1.1 header parser received no bytes", new java.net.SocketException("Connection reset")))));
            default:
                fault.perform(platform);
                return null;
        }
    }

    /**
     * For {@code HttpURLConnection.getInputStream} (which {@code getResponseCode} also goes through), inside an
     * entered outermost {@link #CALLS}: decides once per connection. Sleeps for delays; returns the failure to
     * throw, the same one on every later call on that connection, or {@code null} to proceed. A status fault gives
     * the connection a synthetic error response ({@link UrlConnectionResponse}) and returns the failure the JDK
     * raises from {@code getInputStream()} for it.
     */
    public static Throwable urlConnection(java.net.HttpURLConnection connection) {
        URL url;
        FiredFault fault;
        try {
            Object prior = URL_CONNECTION_DECISION.get(connection);
            if (prior != null) {
                if (prior instanceof UrlConnectionResponse) {
                    return ((UrlConnectionResponse) prior).failure();
                }
                if (prior instanceof UrlConnectionBody) {
                    return null;
                }
                return prior == DECIDED ? null : (Throwable) prior;
            }
            url = connection.getURL();
            String scheme = url.getProtocol();
            fault = ChaosBridge.state().decideHttp(connection.getRequestMethod(), scheme, url.getHost(),
                    port(url.getPort(), scheme), path(url.getPath()));
            if (fault == null) {
                URL_CONNECTION_DECISION.put(connection, DECIDED);
                return null;
            }
        } catch (Throwable t) {
            CALLS.internalError(t);
            return null;
        }
        Throwable failure;
        switch (fault.kind()) {
            case FiredFault.HTTP_STATUS:
                // a synthetic error response: the status, headers and error stream are answered from it
                UrlConnectionResponse response = UrlConnectionResponse.create(fault, url);
                URL_CONNECTION_DECISION.put(connection, response);
                return response.failure();
            case FiredFault.EXCEPTION:
            case FiredFault.TIMEOUT:
                fault.sleep();
                failure = fault.newThrowable(null, null);
                break;
            case FiredFault.HTTP_BODY:
                if (fault.actsOnResponseBody()) {
                    URL_CONNECTION_DECISION.put(connection, new UrlConnectionBody(fault));
                    return null;
                }
                // a reset before any response: what the JDK raises for a real one
                failure = fault.label(new java.net.SocketException("Connection reset"));
                break;
            default:
                URL_CONNECTION_DECISION.put(connection, DECIDED);
                CALLS.perform(fault, null);
                return null;
        }
        URL_CONNECTION_DECISION.put(connection, failure);
        return failure;
    }

    /**
     * For {@code HttpURLConnection.getInputStream} on exit: the stream a response-body fault decided for this
     * connection wraps (the same wrapper for the same stream), else {@code body} itself.
     */
    public static java.io.InputStream urlConnectionBody(java.net.HttpURLConnection connection,
            java.io.InputStream body) {
        try {
            Object decision = URL_CONNECTION_DECISION.get(connection);
            return decision instanceof UrlConnectionBody ? ((UrlConnectionBody) decision).wrap(connection, body) : body;
        } catch (Throwable t) {
            CALLS.internalError(t);
            return body;
        }
    }

    /**
     * For chaos-spring's HTTP interceptors (reached by method handle): the logical call on this thread is decided by
     * the caller, so none of the woven clients underneath decides it again. Pair with {@link #exitCallerDecision()}.
     */
    public static void enterCallerDecision() {
        CALLS.enterDecidedElsewhere();
    }

    /** Leaves {@link #enterCallerDecision()}. */
    public static void exitCallerDecision() {
        CALLS.exitDecidedElsewhere();
    }

    /** The port of a URI/URL, or the scheme default when none is given. */
    public static int port(int port, String scheme) {
        if (port >= 0) {
            return port;
        }
        if ("https".equalsIgnoreCase(scheme)) {
            return 443;
        }
        if ("http".equalsIgnoreCase(scheme)) {
            return 80;
        }
        return -1;
    }

    /** The path without query, never empty ({@code /}). */
    public static String path(String pathAndQuery) {
        if (pathAndQuery == null || pathAndQuery.isEmpty()) {
            return "/";
        }
        int q = pathAndQuery.indexOf('?');
        String p = q >= 0 ? pathAndQuery.substring(0, q) : pathAndQuery;
        return p.isEmpty() ? "/" : p;
    }

    /** Forgets per-object state (the agent was detached). */
    public static void clear() {
        URL_CONNECTION_DECISION.clear();
    }

    /**
     * The real {@code HttpClient.sendAsync} of a call whose timeout the engine released, made on the thread that
     * released it as a call decided elsewhere (so the woven method underneath does not decide it again).
     */
    private static final class JdkSend implements Supplier<CompletableFuture<Object>> {
        private final Object client;
        private final Object request;
        private final Object bodyHandler;
        private final Object pushHandler;

        JdkSend(Object client, Object request, Object bodyHandler, Object pushHandler) {
            this.client = client;
            this.request = request;
            this.bodyHandler = bodyHandler;
            this.pushHandler = pushHandler;
        }

        @Override
        @SuppressWarnings("unchecked")
        public CompletableFuture<Object> get() {
            CALLS.enterDecidedElsewhere();
            try {
                CompletableFuture<?> real = (CompletableFuture<?>) JdkTypes.SEND_ASYNC.invokeExact(client, request,
                        bodyHandler, pushHandler);
                return (CompletableFuture<Object>) real;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            } finally {
                CALLS.exitDecidedElsewhere();
            }
        }
    }

    /**
     * {@code HttpRequest.uri()}, {@code method()} and {@code HttpClient.sendAsync(request, handler, pushHandler)} as
     * {@code (Object)} handles, resolved on first armed use.
     */
    private static final class JdkTypes {
        static final MethodHandle URI;
        static final MethodHandle METHOD;
        static final MethodHandle SEND_ASYNC;

        static {
            try {
                Class<?> request = Class.forName("java.net.http.HttpRequest", false,
                        ClassLoader.getPlatformClassLoader());
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                URI = lookup.findVirtual(request, "uri", MethodType.methodType(java.net.URI.class))
                        .asType(MethodType.methodType(java.net.URI.class, Object.class));
                METHOD = lookup.findVirtual(request, "method", MethodType.methodType(String.class))
                        .asType(MethodType.methodType(String.class, Object.class));
                ClassLoader platform = ClassLoader.getPlatformClassLoader();
                Class<?> client = Class.forName("java.net.http.HttpClient", false, platform);
                Class<?> handler = Class.forName("java.net.http.HttpResponse$BodyHandler", false, platform);
                Class<?> push = Class.forName("java.net.http.HttpResponse$PushPromiseHandler", false, platform);
                SEND_ASYNC = lookup.findVirtual(client, "sendAsync", MethodType.methodType(
                        CompletableFuture.class, request, handler, push))
                        .asType(MethodType.methodType(CompletableFuture.class, Object.class,
                                Object.class, Object.class, Object.class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
