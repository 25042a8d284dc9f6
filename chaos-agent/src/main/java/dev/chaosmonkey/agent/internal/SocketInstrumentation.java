package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.net.Socket;
import java.net.SocketAddress;
import java.util.Set;

import dev.chaosmonkey.agent.bootstrap.NetCalls;
import dev.chaosmonkey.core.InjectionPoint;
import dev.chaosmonkey.core.internal.ChaosLog;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * {@code java.net.Socket} for the {@code net} point: {@code connect(SocketAddress, int)} (every constructor that
 * connects and {@code connect(SocketAddress)} go through it), {@code close()}, and {@code read(byte[], int, int)} /
 * {@code write(byte[], int, int)} of the streams the socket hands out (its single-byte reads and writes go through
 * them). Below every blocking client (JDBC drivers, Jedis, HTTP clients on sockets) and below TLS: an
 * {@code SSLSocket} reads and writes its records through these streams. {@code SocketChannel.socket()} adaptors are
 * {@link SocketChannelInstrumentation}'s.
 */
final class SocketInstrumentation {
    static final String SOCKET = "java.net.Socket";
    static final String INPUT = "java.net.Socket$SocketInputStream";
    static final String OUTPUT = "java.net.Socket$SocketOutputStream";
    /** The JDK classes woven here and by {@link SocketChannelInstrumentation}, let through {@link IgnoredTypes}. */
    static final Set<String> TYPES = Set.of(SOCKET, INPUT, OUTPUT, SocketChannelInstrumentation.CHANNEL);

    private SocketInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver, PointLatch latch) {
        // loaded now, so the installation retransforms them: a socket stream class first loaded after the
        // installation was seen to stay unwoven (its first load happens inside Socket.getInputStream)
        for (String type : TYPES) {
            try {
                Class.forName(type, false, null);
            } catch (ClassNotFoundException | LinkageError e) {
                ChaosLog.warnOnce("net-preload-" + type, "chaos-agent: cannot load " + type + "; its calls are not"
                        + " instrumented", e);
            }
        }
        builder = builder.type(named(SOCKET).and(latch.armed(InjectionPoint.NET)))
                .transform(weaver.advice("net-socket", ConnectAdvice.class, named("connect").and(takesArguments(2))
                        .and(takesArgument(0, named("java.net.SocketAddress"))).and(takesArgument(1, int.class))))
                .transform(weaver.advice("net-socket", CloseAdvice.class, named("close").and(takesArguments(0))));
        builder = builder.type(named(INPUT).and(latch.armed(InjectionPoint.NET)))
                .transform(weaver.advice("net-socket", ReadAdvice.class, named("read").and(takesArguments(3))));
        builder = builder.type(named(OUTPUT).and(latch.armed(InjectionPoint.NET)))
                .transform(weaver.advice("net-socket", WriteAdvice.class, named("write").and(takesArguments(3))));
        return SocketChannelInstrumentation.register(builder, weaver, latch);
    }

    /*
     * Advice signatures use only JDK types: the type pool that describes advice cannot see the bootstrap bridge.
     * Each bridge call runs only at depth 0 (armed, outermost) and, when it throws, has left the call already.
     */

    static final class ConnectAdvice {
        private ConnectAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.This Socket socket, @Advice.Argument(0) SocketAddress endpoint,
                @Advice.Argument(1) int timeout) {
            int depth = NetCalls.CALLS.enter();
            if (depth == 0) {
                NetCalls.socketConnect(socket, endpoint, timeout);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth) {
            NetCalls.CALLS.exit(depth);
        }
    }

    static final class CloseAdvice {
        private CloseAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.This Socket socket) {
            int depth = NetCalls.CALLS.enter();
            if (depth == 0) {
                NetCalls.socketClose(socket);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth) {
            NetCalls.CALLS.exit(depth);
        }
    }

    static final class ReadAdvice {
        private ReadAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.FieldValue("parent") Socket socket,
                @Advice.Argument(value = 2, readOnly = false) int len) {
            int depth = NetCalls.CALLS.enter();
            if (depth == 0) {
                len = NetCalls.socketRead(socket, len);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth, @Advice.FieldValue("parent") Socket socket,
                @Advice.Return int read, @Advice.Thrown Throwable thrown) {
            if (depth == 0) {
                NetCalls.socketReadDone(socket, thrown == null ? read : -1);
            }
            NetCalls.CALLS.exit(depth);
        }
    }

    static final class WriteAdvice {
        private WriteAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.FieldValue("parent") Socket socket,
                @Advice.Argument(value = 2, readOnly = false) int len) {
            int depth = NetCalls.CALLS.enter();
            if (depth == 0) {
                len = NetCalls.socketWrite(socket, len);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth, @Advice.FieldValue("parent") Socket socket,
                @Advice.Argument(2) int len, @Advice.Thrown Throwable thrown) throws Throwable {
            Throwable reset = depth == 0 && thrown == null ? NetCalls.socketWriteDone(socket, len) : null;
            NetCalls.CALLS.exit(depth);
            if (reset != null) {
                throw reset;
            }
        }
    }
}
