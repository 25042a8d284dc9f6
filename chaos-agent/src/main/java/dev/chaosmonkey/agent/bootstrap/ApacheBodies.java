package dev.chaosmonkey.agent.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Response-body faults for Apache HttpClient 5 classic and 4.5: the response's {@code HttpEntity} is replaced by a
 * dynamic proxy of the same interface (HttpClient lives in an application class loader) whose content stream is a
 * {@link BodyFaultStream} over the real one. At the cut it fails like HttpClient's own streams:
 * {@code java.net.SocketException: Connection reset} for a reset; for a truncation the library's
 * {@code ConnectionClosedException} ("Premature end of Content-Length delimited message body (expected: N;
 * received: M)" or, chunked, "Premature end of chunk coded message body: closing chunk expected", as for a real
 * truncation between two chunks); a body of unknown length just ends.
 */
public final class ApacheBodies {
    /** HttpClient 5 ({@code org.apache.hc.core5}). */
    public static final int HC5 = 5;
    /** HttpClient 4.5 ({@code org.apache.http}). */
    public static final int HC4 = 4;

    private ApacheBodies() {
    }

    /** {@code entity} with {@code fault} applied to its content, or {@code null} when the fault cannot act on it. */
    public static Object wrap(Object entity, FiredFault fault, int line) {
        try {
            String type = line == HC5 ? "org.apache.hc.core5.http.HttpEntity" : "org.apache.http.HttpEntity";
            Class<?> entityType = Class.forName(type, false, entity.getClass().getClassLoader());
            boolean chunked = (Boolean) entityType.getMethod("isChunked").invoke(entity);
            long length = (Long) entityType.getMethod("getContentLength").invoke(entity);
            BodyCut cut = BodyCut.of(fault, chunked ? -1 : length);
            if (cut == null) {
                return null;
            }
            return Proxy.newProxyInstance(entityType.getClassLoader(), new Class<?>[] {entityType},
                    new Entity(entity, entityType, cut, chunked, new End(line, entityType.getClassLoader())));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            HttpDispatch.CALLS.internalError(e);
            return null;
        }
    }

    /** The exception a real reset before any response gives HttpClient (after its own retry). */
    public static Throwable resetBeforeResponse(FiredFault fault) {
        return fault.label(new java.net.SocketException("Connection reset"));
    }

    private static final class End extends BodyEnd {
        private final int line;
        private final ClassLoader loader;

        End(int line, ClassLoader loader) {
            this.line = line;
            this.loader = loader;
        }

        @Override
        public IOException failure(BodyCut cut, boolean chunked) {
            if (cut.resets()) {
                return new java.net.SocketException("Connection reset");
            }
            String prefix = line == HC5 ? "org.apache.hc.core5.http." : "org.apache.http.";
            if (chunked) {
                // as a real truncation between two chunks: the chunk sizes are not visible outside the stream
                return create(prefix + "ConnectionClosedException",
                        "Premature end of chunk coded message body: closing chunk expected");
            }
            if (cut.declaredLength() < 0) {
                return null;
            }
            return create(prefix + "ConnectionClosedException", "Premature end of Content-Length delimited message"
                    + " body (expected: " + number(cut.declaredLength()) + "; received: "
                    + number(cut.deliveredBytes()) + ")");
        }

        private String number(long n) {
            // HttpClient 4.5 formats with %,d, 5 writes the plain number
            return line == HC4 ? String.format("%,d", n) : Long.toString(n);
        }

        private IOException create(String className, String message) {
            try {
                Class<?> type = Class.forName(className, false, loader);
                return (IOException) type.getConstructor(String.class).newInstance(message);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return new IOException(message);
            }
        }
    }

    private static final class Entity implements InvocationHandler {
        private final Object entity;
        private final Method getContent;
        private final BodyCut cut;
        private final boolean chunked;
        private final BodyEnd end;
        private InputStream content;

        Entity(Object entity, Class<?> entityType, BodyCut cut, boolean chunked, BodyEnd end)
                throws NoSuchMethodException {
            this.entity = entity;
            this.getContent = entityType.getMethod("getContent");
            this.cut = cut;
            this.chunked = chunked;
            this.end = end;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "getContent":
                    return content();
                case "writeTo":
                    try (InputStream in = content()) {
                        in.transferTo((OutputStream) args[0]);
                    }
                    return null;
                case "isRepeatable":
                    return false;
                case "isStreaming":
                    return true;
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "chaos entity(" + entity + ")";
                default:
                    try {
                        return method.invoke(entity, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
            }
        }

        private synchronized InputStream content() throws Throwable {
            if (content == null) {
                try {
                    content = new BodyFaultStream((InputStream) getContent.invoke(entity), cut, end, chunked);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
            return content;
        }
    }
}
