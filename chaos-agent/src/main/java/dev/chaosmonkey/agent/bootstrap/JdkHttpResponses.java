package dev.chaosmonkey.agent.bootstrap;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Synthetic {@code java.net.http.HttpResponse}s for status faults. {@code java.net.http} is not visible from the
 * bootstrap class loader, so its types are reached reflectively through the platform class loader and the response
 * is a dynamic proxy. The body goes through the caller's own {@code BodyHandler}, so any body type works.
 */
public final class JdkHttpResponses {
    private JdkHttpResponses() {
    }

    /**
     * A future completed with a synthetic response of {@code status} with {@code responseBody} (null: one naming the
     * rule; see {@link SyntheticHttp}).
     */
    public static CompletableFuture<Object> synthetic(Object request, URI uri, Object bodyHandler, int status,
            String responseBody, String ruleId) {
        return synthetic(request, uri, bodyHandler, status, responseBody, ruleId, SyntheticHttp.CONTENT_TYPE,
                SyntheticHttp.NO_HEADERS);
    }

    /** A future completed with the synthetic response of a status {@code fault} (headers included). */
    public static CompletableFuture<Object> synthetic(Object request, URI uri, Object bodyHandler, FiredFault fault) {
        return synthetic(request, uri, bodyHandler, fault.httpStatus(), fault.httpBody(), fault.ruleId(),
                SyntheticHttp.contentType(fault), fault.httpHeaders());
    }

    private static CompletableFuture<Object> synthetic(Object request, URI uri, Object bodyHandler, int status,
            String responseBody, String ruleId, String contentType, String[] extraHeaders) {
        try {
            ClassLoader platform = ClassLoader.getPlatformClassLoader();
            Class<?> responseType = Class.forName("java.net.http.HttpResponse", false, platform);
            Class<?> infoType = Class.forName("java.net.http.HttpResponse$ResponseInfo", false, platform);
            Class<?> handlerType = Class.forName("java.net.http.HttpResponse$BodyHandler", false, platform);
            Class<?> subscriberType = Class.forName("java.net.http.HttpResponse$BodySubscriber", false, platform);
            Class<?> headersType = Class.forName("java.net.http.HttpHeaders", false, platform);
            Class<?> versionType = Class.forName("java.net.http.HttpClient$Version", false, platform);

            byte[] body = SyntheticHttp.body(status, responseBody, ruleId);
            Map<String, List<String>> fields = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            fields.put("content-type", new java.util.ArrayList<>(List.of(contentType)));
            fields.put("content-length", new java.util.ArrayList<>(List.of(Integer.toString(body.length))));
            for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
                List<String> values = fields.get(extraHeaders[i]);
                if (values == null) {
                    values = new java.util.ArrayList<>();
                    fields.put(extraHeaders[i], values);
                }
                values.add(extraHeaders[i + 1]);
            }
            fields.put("x-chaos-injected", List.of(ruleId));
            Object headers = headersType.getMethod("of", Map.class, BiPredicate.class).invoke(null, fields,
                    new AcceptAll());
            Object version = versionType.getMethod("valueOf", String.class).invoke(null, "HTTP_1_1");
            Object info = Proxy.newProxyInstance(platform, new Class<?>[] {infoType},
                    new Values(status, headers, version, request, uri, null));
            Object subscriber = handlerType.getMethod("apply", infoType).invoke(bodyHandler, info);
            @SuppressWarnings("unchecked")
            Flow.Subscriber<List<ByteBuffer>> flow = (Flow.Subscriber<List<ByteBuffer>>) subscriber;
            flow.onSubscribe(new NoBackpressure());
            flow.onNext(List.of(ByteBuffer.wrap(body)));
            flow.onComplete();
            CompletionStage<?> bodyStage = (CompletionStage<?>) subscriberType.getMethod("getBody").invoke(subscriber);
            return bodyStage.toCompletableFuture().thenApply(new ToResponse(responseType, platform, status, headers,
                    version, request, uri));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            CompletableFuture<Object> f = new CompletableFuture<>();
            f.completeExceptionally(new java.io.IOException("chaos: HTTP " + status + " injected by rule " + ruleId
                    + " (could not build a synthetic response: " + e + ")"));
            return f;
        }
    }

    private static final class ToResponse implements Function<Object, Object> {
        private final Class<?> responseType;
        private final ClassLoader loader;
        private final int status;
        private final Object headers;
        private final Object version;
        private final Object request;
        private final URI uri;

        ToResponse(Class<?> responseType, ClassLoader loader, int status, Object headers, Object version,
                Object request, URI uri) {
            this.responseType = responseType;
            this.loader = loader;
            this.status = status;
            this.headers = headers;
            this.version = version;
            this.request = request;
            this.uri = uri;
        }

        @Override
        public Object apply(Object body) {
            return Proxy.newProxyInstance(loader, new Class<?>[] {responseType},
                    new Values(status, headers, version, request, uri, body));
        }
    }

    /** Answers the accessor methods of HttpResponse and ResponseInfo. */
    private static final class Values implements InvocationHandler {
        private final int status;
        private final Object headers;
        private final Object version;
        private final Object request;
        private final URI uri;
        private final Object body;

        Values(int status, Object headers, Object version, Object request, URI uri, Object body) {
            this.status = status;
            this.headers = headers;
            this.version = version;
            this.request = request;
            this.uri = uri;
            this.body = body;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) {
            switch (method.getName()) {
                case "statusCode":
                    return status;
                case "headers":
                    return headers;
                case "version":
                    return version;
                case "request":
                    return request;
                case "uri":
                    return uri;
                case "body":
                    return body;
                case "previousResponse":
                case "sslSession":
                case "connectionLabel":
                    return Optional.empty();
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "(" + request + ") " + status + " [chaos synthetic response]";
                default:
                    throw new UnsupportedOperationException(method.getName()
                            + " is not supported by a chaos synthetic response");
            }
        }
    }

    private static final class AcceptAll implements BiPredicate<String, String> {
        @Override
        public boolean test(String name, String value) {
            return true;
        }
    }

    private static final class NoBackpressure implements Flow.Subscription {
        @Override
        public void request(long n) {
            // the whole body is pushed at once
        }

        @Override
        public void cancel() {
            // nothing to release
        }
    }
}
