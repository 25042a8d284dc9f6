package dev.chaosmonkey.agent.bootstrap;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Response-body faults for OkHttp 3, 4 and 5: the real body's {@code okio.Source} is wrapped in a dynamic proxy of
 * {@code okio.Source} (Okio lives in an application class loader), which the advice buffers into a new
 * {@code ResponseBody}. At the cut it fails like OkHttp's own body sources: {@code java.net.SocketException:
 * Connection reset} for a reset, {@code java.net.ProtocolException: unexpected end of stream} for a truncated body
 * with a declared length or chunked, a plain end for one without.
 */
public final class OkHttpBodies {
    private OkHttpBodies() {
    }

    /**
     * {@code source} (the real body's {@code BufferedSource}) wrapped in an {@code okio.Source} applying
     * {@code fault}, or {@code null} when the fault cannot act on this body (it is shorter than the cut).
     */
    public static Object wrap(Object source, FiredFault fault, long contentLength, boolean chunked) {
        try {
            BodyCut cut = BodyCut.of(fault, chunked ? -1 : contentLength);
            if (cut == null) {
                return null;
            }
            Class<?> sourceType = Class.forName("okio.Source", false, source.getClass().getClassLoader());
            return Proxy.newProxyInstance(sourceType.getClassLoader(), new Class<?>[] {sourceType},
                    new Cutting(source, sourceType, cut, chunked));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            OkHttpCalls.CALLS.internalError(e);
            return null;
        }
    }

    /** The exception a real reset before any response gives OkHttp (after its own retry). */
    public static Throwable resetBeforeResponse(FiredFault fault) {
        return fault.label(new java.net.SocketException("Connection reset"));
    }

    private static final class Cutting implements InvocationHandler {
        private final Object source;
        private final Method read;
        private final Method close;
        private final Class<?> bufferType;
        private final BodyCut cut;
        private final boolean chunked;
        private IOException failure;
        private boolean ended;

        Cutting(Object source, Class<?> sourceType, BodyCut cut, boolean chunked) throws ReflectiveOperationException {
            this.source = source;
            this.bufferType = Class.forName("okio.Buffer", false, sourceType.getClassLoader());
            this.read = sourceType.getMethod("read", bufferType, long.class);
            this.close = sourceType.getMethod("close");
            this.cut = cut;
            this.chunked = chunked;
        }


        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "read":
                    if (args != null && args.length == 2) {
                        return read(args[0], (Long) args[1]);
                    }
                    return call(method, args);
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "chaos body source(" + source + ")";
                default:
                    return call(method, args);
            }
        }

        private long read(Object sink, long byteCount) throws Throwable {
            if (failure != null) {
                throw failure;
            }
            if (ended) {
                return -1L;
            }
            if (byteCount == 0) {
                return 0L;
            }
            int allowed = cut.allow((int) Math.min(byteCount, Integer.MAX_VALUE));
            if (allowed <= 0) {
                return cutHere(sink);
            }
            long n = (Long) call(read, new Object[] {sink, (long) allowed});
            if (n > 0) {
                cut.delivered(n);
            }
            return n;
        }

        private long cutHere(Object sink) throws Throwable {
            // a body of unknown length may end right at the cut: then nothing is cut
            if (cut.declaredLength() < 0 && (Long) call(read, new Object[] {bufferType.getConstructor().newInstance(),
                    1L}) < 0) {
                ended = true;
                return -1L;
            }
            IOException f;
            if (cut.resets()) {
                f = new java.net.SocketException("Connection reset");
            } else if (chunked || cut.declaredLength() >= 0) {
                f = new java.net.ProtocolException("unexpected end of stream");
            } else {
                f = null;
            }
            try {
                close.invoke(source);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // the connection is given up either way
            }
            if (f == null) {
                ended = true;
                return -1L;
            }
            failure = (IOException) cut.label(f);
            throw failure;
        }

        private Object call(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(source, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
