package dev.chaosmonkey.agent.bootstrap;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;

/**
 * Apache HttpClient 4.5 classic {@code CloseableHttpClient.doExecute(target, request, context)}, which every
 * {@code execute} overload calls once per logical call (retries and redirects run inside it). Attributes are read
 * through {@link PublicMethod}s (HttpClient lives in an application class loader); the synthetic response of a status
 * fault is built by the advice and made a {@code CloseableHttpResponse} here.
 */
public final class ApacheHttp4Calls {
    /** Executions of HttpClient 4.5 clients (their own depth: decorators calling another client stay one call). */
    public static final ChaosCall CALLS = new ChaosCall("apache-httpclient4", ChaosBridge.HTTP);
    private static final PublicMethod SCHEME_NAME = new PublicMethod("getSchemeName", 0);
    private static final PublicMethod HOST_NAME = new PublicMethod("getHostName", 0);
    private static final PublicMethod PORT = new PublicMethod("getPort", 0);
    private static final PublicMethod REQUEST_LINE = new PublicMethod("getRequestLine", 0);
    private static final PublicMethod METHOD = new PublicMethod("getMethod", 0);
    private static final PublicMethod URI_TEXT = new PublicMethod("getUri", 0);

    private ApacheHttp4Calls() {
    }

    /**
     * The decision for one execution ({@code target} may be null: the request line then carries an absolute URI);
     * {@code null} to proceed. Never throws: internal errors are counted and the call proceeds.
     */
    public static FiredFault decide(Object target, Object request) {
        if (HttpDispatch.CALLS.isInside()) {
            return null;
        }
        try {
            Object line = REQUEST_LINE.call(request);
            String method = (String) METHOD.call(line);
            String uri = (String) URI_TEXT.call(line);
            String scheme = null;
            String host = null;
            int port = -1;
            String path = uri;
            if (uri != null && !uri.startsWith("/")) {
                URI parsed = URI.create(uri);
                scheme = parsed.getScheme();
                host = parsed.getHost();
                port = parsed.getPort();
                path = parsed.getRawPath();
            }
            if (target != null) {
                scheme = (String) SCHEME_NAME.call(target);
                host = (String) HOST_NAME.call(target);
                port = (Integer) PORT.call(target);
            }
            return ChaosBridge.state().decideHttp(method, scheme, host, HttpDispatch.port(port, scheme),
                    HttpDispatch.path(path));
        } catch (Throwable t) {
            CALLS.internalError(t);
            return null;
        }
    }

    /**
     * {@code response} (an {@code HttpResponse}) as an instance of {@code closeable} (the client's
     * {@code CloseableHttpResponse} interface) whose {@code close()} does nothing: there is no connection to release.
     */
    public static Object closeable(Object response, Class<?> closeable) {
        return Proxy.newProxyInstance(closeable.getClassLoader(), new Class<?>[] {closeable},
                new SyntheticResponse(response));
    }

    /** Delegates every call to the built response, except {@code close()} and identity. */
    private static final class SyntheticResponse implements InvocationHandler {
        private final Object response;

        SyntheticResponse(Object response) {
            this.response = response;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close":
                    return null;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    try {
                        return method.invoke(response, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        }
    }
}
