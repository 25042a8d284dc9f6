package dev.chaosmonkey.agent.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.concurrent.CompletableFuture;

import dev.chaosmonkey.core.ChaosMonkey;
import dev.chaosmonkey.core.Fault;
import dev.chaosmonkey.core.Injection;

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
        if (fault.responseStatus() != 0) {
            return JdkHttpResponses.synthetic(request, uri, bodyHandler, fault.responseStatus(), inj.ruleId());
        }
        if (fault.failsCall()) {
            return AsyncFaults.failAfter(inj.newThrowable(platform, fault.throwsTimeout() ? JDK_TIMEOUT : null),
                    fault.nextPauseNanos());
        }
        if (!fault.longestPause().isZero()) {
            return Long.valueOf(fault.nextPauseNanos());
        }
        inj.perform(platform);
        return null;
    }

    /**
     * For {@code HttpURLConnection.getInputStream} (which {@code getResponseCode} also goes through): decides once
     * per connection. Sleeps for delays; returns the failure to throw, the same one on every later call on that
     * connection, or {@code null} to proceed.
     */
    public static Throwable urlConnection(Object connection, String method, URL url) {
        Object prior = WeakStore.URL_CONNECTION_DECISION.get(connection);
        if (prior != null) {
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
        if (fault.responseStatus() != 0) {
            failure = new IOException("Server returned HTTP response code: " + fault.responseStatus()
                    + " for URL: " + url + " (chaos: injected by rule " + inj.ruleId() + ")");
        } else if ((failure = inj.performNoThrow(null, null)) == null) {
            WeakStore.URL_CONNECTION_DECISION.put(connection, WeakStore.DECIDED);
            return null;
        }
        WeakStore.URL_CONNECTION_DECISION.put(connection, failure);
        return failure;
    }
}
