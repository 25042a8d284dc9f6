package dev.chaosmonkey.agent.bootstrap;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Flow;

/**
 * Response-body faults for the JDK {@code HttpClient}: the caller's {@code BodyHandler} is wrapped (a dynamic proxy:
 * {@code java.net.http} is invisible from here), and so is the {@code BodySubscriber} it returns, so every body type
 * and {@code send} as well as {@code sendAsync} see the fault. At the cut the real subscription is cancelled and the
 * caller's subscriber gets the error the JDK raises for a real one (its HTTP/1.1 messages): {@code fixed
 * content-length: N, bytes received: M}, {@code chunked transfer encoding, state: READING_DATA}, or for a reset of a
 * body of unknown length {@code http1_0 content, bytes received: M}; a truncated body of unknown length just completes.
 * A dribble holds each buffer list the client delivers for its size's share of the rate.
 */
final class JdkBodyFaults {
    private JdkBodyFaults() {
    }

    /** {@code handler} wrapped so that the body of the response goes through {@code fault}. */
    static Object wrapHandler(Object handler, FiredFault fault) throws ReflectiveOperationException {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        Class<?> handlerType = Class.forName("java.net.http.HttpResponse$BodyHandler", false, platform);
        Class<?> subscriberType = Class.forName("java.net.http.HttpResponse$BodySubscriber", false, platform);
        return Proxy.newProxyInstance(platform, new Class<?>[] {handlerType},
                new Handler(handler, fault, subscriberType));
    }

    /** The wrapping {@code BodyHandler}: the caller's handler, its subscriber wrapped. */
    private static final class Handler implements InvocationHandler {
        private final Object handler;
        private final FiredFault fault;
        private final Class<?> subscriberType;

        Handler(Object handler, FiredFault fault, Class<?> subscriberType) {
            this.handler = handler;
            this.fault = fault;
            this.subscriberType = subscriberType;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, "chaos body handler over " + handler);
            }
            Object subscriber = call(method, handler, args);
            if (!"apply".equals(method.getName()) || subscriber == null) {
                return subscriber;
            }
            try {
                // through the public types: the implementations live in a package java.net.http does not export
                ClassLoader platform = subscriberType.getClassLoader();
                Class<?> infoType = Class.forName("java.net.http.HttpResponse$ResponseInfo", false, platform);
                Class<?> headersType = Class.forName("java.net.http.HttpHeaders", false, platform);
                Object headers = infoType.getMethod("headers").invoke(args[0]);
                OptionalLong length = (OptionalLong) headersType.getMethod("firstValueAsLong", String.class)
                        .invoke(headers, "content-length");
                @SuppressWarnings("unchecked")
                Optional<String> encoding = (Optional<String>) headersType.getMethod("firstValue", String.class)
                        .invoke(headers, "transfer-encoding");
                boolean chunked = encoding.isPresent() && encoding.get().toLowerCase(java.util.Locale.ROOT)
                        .contains("chunked");
                BodyCut cut = BodyCut.of(fault, chunked || !length.isPresent() ? -1 : length.getAsLong());
                if (cut == null) {
                    return subscriber;
                }
                return Proxy.newProxyInstance(subscriberType.getClassLoader(), new Class<?>[] {subscriberType},
                        new Subscriber(subscriber, cut, chunked));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                HttpDispatch.CALLS.internalError(e);
                return subscriber;
            }
        }
    }

    /** The wrapping {@code BodySubscriber}: passes buffers up to the cut, then fails or completes the caller's. */
    private static final class Subscriber implements InvocationHandler {
        private final Object subscriber;
        private final Flow.Subscriber<List<ByteBuffer>> downstream;
        private final BodyCut cut;
        private final boolean chunked;
        private volatile Flow.Subscription upstream;
        private volatile boolean done;

        @SuppressWarnings("unchecked")
        Subscriber(Object subscriber, BodyCut cut, boolean chunked) {
            this.subscriber = subscriber;
            this.downstream = (Flow.Subscriber<List<ByteBuffer>>) subscriber;
            this.cut = cut;
            this.chunked = chunked;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, "chaos body subscriber over " + subscriber);
            }
            switch (method.getName()) {
                case "onSubscribe":
                    upstream = (Flow.Subscription) args[0];
                    downstream.onSubscribe(upstream);
                    return null;
                case "onNext":
                    if (!done) {
                        onNext((List<ByteBuffer>) args[0]);
                    }
                    return null;
                case "onError":
                case "onComplete":
                    if (done) {
                        return null;
                    }
                    done = true;
                    return call(method, subscriber, args);
                default:
                    return call(method, subscriber, args);
            }
        }

        private void onNext(List<ByteBuffer> buffers) {
            long size = 0;
            for (ByteBuffer b : buffers) {
                size += b.remaining();
            }
            if (cut.dribbles()) {
                cut.hold(size);
                downstream.onNext(buffers);
                return;
            }
            long room = cut.room();
            if (size <= room) {
                cut.delivered(size);
                downstream.onNext(buffers);
                return;
            }
            if (room > 0) {
                downstream.onNext(slice(buffers, room));
                cut.delivered(room);
            }
            done = true;
            Flow.Subscription s = upstream;
            if (s != null) {
                s.cancel();
            }
            IOException failure = failure();
            if (failure == null) {
                downstream.onComplete();
            } else {
                downstream.onError(cut.label(failure));
            }
        }

        private IOException failure() {
            long received = cut.deliveredBytes();
            IOException failure;
            if (cut.declaredLength() >= 0) {
                failure = new IOException("fixed content-length: " + cut.declaredLength() + ", bytes received: "
                        + received);
            } else if (chunked) {
                failure = new IOException("chunked transfer encoding, state: READING_DATA");
            } else if (cut.resets()) {
                failure = new IOException("http1_0 content, bytes received: " + received);
            } else {
                return null;
            }
            // the JDK's own cause: what the socket reported
            failure.initCause(cut.resets() ? new java.net.SocketException("Connection reset")
                    : new java.io.EOFException("EOF reached while reading"));
            return failure;
        }

        private static List<ByteBuffer> slice(List<ByteBuffer> buffers, long bytes) {
            List<ByteBuffer> out = new ArrayList<>();
            long left = bytes;
            for (ByteBuffer b : buffers) {
                if (left <= 0) {
                    break;
                }
                ByteBuffer d = b.duplicate();
                if (d.remaining() > left) {
                    d.limit(d.position() + (int) left);
                }
                left -= d.remaining();
                out.add(d);
            }
            return List.copyOf(out);
        }
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, String text) {
        switch (method.getName()) {
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                return text;
        }
    }
}
