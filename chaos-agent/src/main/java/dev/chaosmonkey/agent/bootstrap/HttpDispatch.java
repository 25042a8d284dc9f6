package dev.chaosmonkey.agent.bootstrap;

import java.net.URI;
import java.net.URL;
import java.util.concurrent.CompletableFuture;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.DelayFault;
import dev.chaosmonkey.core.ExceptionFault;
import dev.chaosmonkey.core.Fault;
import dev.chaosmonkey.core.HttpStatusFault;
import dev.chaosmonkey.core.Injection;
import dev.chaosmonkey.core.TimeoutFault;

/** Decisions for the JDK HTTP clients (both live in JDK modules, so their advice can only reach bootstrap code). */
public final class HttpDispatch {
    private static final String JDK_TIMEOUT = "java.net.http.HttpTimeoutException";

    private HttpDispatch() {
    }

    /**
     * For {@code HttpClient.send/sendAsync} (one private method both go through): returns {@code null} to proceed,
     * a {@link Long} delay in nanoseconds to delay the real response, or a {@link CompletableFuture} to return
     * instead of making the call (a failure or a synthetic response).
     */
    public static Object jdkClient(String method, URI uri, Object request, Object bodyHandler) {
        String scheme = uri.getScheme();
        Injection inj = ChaosMonkey.global().decideHttp(method, scheme, uri.getHost(),
                AdviceSupport.port(uri.getPort(), scheme), AdviceSupport.path(uri.getRawPath()));
        if (inj == null) {
            return null;
        }
        Fault fault = inj.fault();
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        if (fault instanceof DelayFault) {
            return Long.valueOf(((DelayFault) fault).nextDelayNanos());
        }
        if (fault instanceof HttpStatusFault) {
            return JdkHttpResponses.synthetic(request, uri, bodyHandler, (HttpStatusFault) fault, inj.ruleId());
        }
        if (fault instanceof TimeoutFault) {
            return AsyncFaults.failAfter(inj.newThrowable(platform, JDK_TIMEOUT),
                    ((TimeoutFault) fault).bound().toNanos());
        }
        if (fault instanceof ExceptionFault) {
            return AsyncFaults.failAfter(inj.newThrowable(platform, null), 0);
        }
        inj.perform(platform);
        return null;
    }

    /**
     * For {@code HttpURLConnection.getInputStream} (which {@code getResponseCode} also goes through): decides once
     * per connection. Sleeps for delays; returns the failure to throw, the same one on every later call on that
     * connection, or {@code null} to proceed. A status fault gives the connection a synthetic error response
     * ({@link UrlConnectionResponse}) and returns the failure the JDK raises from {@code getInputStream()} for it.
     */
    public static Throwable urlConnection(Object connection, String method, URL url) {
        Object prior = WeakStore.URL_CONNECTION_DECISION.get(connection);
        if (prior != null) {
            if (prior instanceof UrlConnectionResponse) {
                return ((UrlConnectionResponse) prior).failure();
            }
            return prior == WeakStore.DECIDED ? null : (Throwable) prior;
        }
        String scheme = url.getProtocol();
        Injection inj = ChaosMonkey.global().decideHttp(method, scheme, url.getHost(),
                AdviceSupport.port(url.getPort(), scheme), AdviceSupport.path(url.getPath()));
        if (inj == null) {
            WeakStore.URL_CONNECTION_DECISION.put(connection, WeakStore.DECIDED);
            return null;
        }
        Fault fault = inj.fault();
        Throwable failure;
        if (fault instanceof HttpStatusFault) {
            // a synthetic error response: the status, headers and error stream are answered from it
            UrlConnectionResponse response = UrlConnectionResponse.create((HttpStatusFault) fault, inj.ruleId(), url);
            WeakStore.URL_CONNECTION_DECISION.put(connection, response);
            return response.failure();
        } else if (fault instanceof ExceptionFault || fault instanceof TimeoutFault) {
            inj.sleep();
            failure = inj.newThrowable(null, null);
        } else {
            WeakStore.URL_CONNECTION_DECISION.put(connection, WeakStore.DECIDED);
            inj.perform(null);
            return null;
        }
        WeakStore.URL_CONNECTION_DECISION.put(connection, failure);
        return failure;
    }
}
