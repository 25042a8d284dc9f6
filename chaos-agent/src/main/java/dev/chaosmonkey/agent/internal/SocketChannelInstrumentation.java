package dev.chaosmonkey.agent.internal;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.net.SocketAddress;
import java.nio.channels.SocketChannel;

import dev.chaosmonkey.agent.bootstrap.NetCalls;
import dev.chaosmonkey.core.InjectionPoint;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * NIO {@code sun.nio.ch.SocketChannelImpl} (the JDK's only TCP {@code SocketChannel}) for the {@code net} point:
 * {@code connect} (blocking or not; {@code finishConnect} completes the same logical connect and is not decided
 * again), {@code read}/{@code write} of one buffer or many, the socket adaptor's {@code blockingConnect},
 * {@code blockingRead} and {@code blockingWriteFully} ({@code SocketChannel.socket()} streams), and
 * {@code implCloseSelectableChannel} (close). Below Netty (Lettuce, Reactor Netty, gRPC) and the JDK
 * {@code HttpClient}. Non-blocking calls get only exceptions and resets (see {@code NetCalls}).
 */
final class SocketChannelInstrumentation {
    static final String CHANNEL = "sun.nio.ch.SocketChannelImpl";

    private SocketChannelInstrumentation() {
    }

    static AgentBuilder register(AgentBuilder builder, Weaver weaver, PointLatch latch) {
        return builder.type(named(CHANNEL).and(latch.armed(InjectionPoint.NET)))
                .transform(weaver.advice("net-channel", ConnectAdvice.class, named("connect").and(takesArguments(1))
                        .and(takesArgument(0, named("java.net.SocketAddress")))))
                .transform(weaver.advice("net-channel", BlockingConnectAdvice.class, named("blockingConnect")
                        .and(takesArguments(2)).and(takesArgument(1, long.class))))
                .transform(weaver.advice("net-channel", ReadAdvice.class, named("read").and(takesArguments(1))))
                .transform(weaver.advice("net-channel", ScatteringReadAdvice.class, named("read")
                        .and(takesArguments(3))))
                .transform(weaver.advice("net-channel", BlockingReadAdvice.class, named("blockingRead")
                        .and(takesArguments(4))))
                .transform(weaver.advice("net-channel", WriteAdvice.class, named("write").and(takesArguments(1))))
                .transform(weaver.advice("net-channel", GatheringWriteAdvice.class, named("write")
                        .and(takesArguments(3))))
                .transform(weaver.advice("net-channel", BlockingWriteAdvice.class, named("blockingWriteFully")
                        .and(takesArguments(3))))
                .transform(weaver.advice("net-channel", CloseAdvice.class, named("implCloseSelectableChannel")
                        .and(takesArguments(0))));
    }

    /* Advice signatures use only JDK types; the bridge is called at depth 0 only (armed, outermost). */

    static final class ConnectAdvice {
        private ConnectAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.This SocketChannel channel, @Advice.Argument(0) SocketAddress remote) {
            int depth = NetCalls.CALLS.enter();
            if (depth == 0) {
                NetCalls.channelConnect(channel, remote, channel.isBlocking(), 0);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth) {
            NetCalls.CALLS.exit(depth);
        }
    }

    static final class BlockingConnectAdvice {
        private BlockingConnectAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.This SocketChannel channel, @Advice.Argument(0) SocketAddress remote,
                @Advice.Argument(1) long nanos) {
            int depth = NetCalls.CALLS.enter();
            if (depth == 0) {
                NetCalls.channelConnect(channel, remote, true, nanos);
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
        static int enter(@Advice.This SocketChannel channel) {
            int depth = NetCalls.CALLS.enter();
            if (depth == 0) {
                NetCalls.channelRead(channel, channel.isBlocking(), -1, 0);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth, @Advice.This SocketChannel channel, @Advice.Return int read,
                @Advice.Thrown Throwable thrown) {
            if (depth == 0) {
                NetCalls.channelReadDone(channel, channel.isBlocking(), thrown == null ? read : -1);
            }
            NetCalls.CALLS.exit(depth);
        }
    }

    static final class ScatteringReadAdvice {
        private ScatteringReadAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.This SocketChannel channel) {
            int depth = NetCalls.CALLS.enter();
            if (depth == 0) {
                NetCalls.channelRead(channel, channel.isBlocking(), -1, 0);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth, @Advice.This SocketChannel channel, @Advice.Return long read,
                @Advice.Thrown Throwable thrown) {
            if (depth == 0) {
                NetCalls.channelReadDone(channel, channel.isBlocking(), thrown == null ? read : -1);
            }
            NetCalls.CALLS.exit(depth);
        }
    }

    static final class BlockingReadAdvice {
        private BlockingReadAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.This SocketChannel channel, @Advice.Argument(value = 2, readOnly = false) int len,
                @Advice.Argument(3) long nanos) {
            int depth = NetCalls.CALLS.enter();
            if (depth == 0) {
                len = NetCalls.channelRead(channel, true, len, nanos);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth, @Advice.This SocketChannel channel, @Advice.Return int read,
                @Advice.Thrown Throwable thrown) {
            if (depth == 0) {
                NetCalls.channelReadDone(channel, true, thrown == null ? read : -1);
            }
            NetCalls.CALLS.exit(depth);
        }
    }

    static final class WriteAdvice {
        private WriteAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.This SocketChannel channel) {
            int depth = NetCalls.CALLS.enter();
            if (depth == 0) {
                NetCalls.channelWrite(channel, channel.isBlocking(), -1);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth, @Advice.This SocketChannel channel, @Advice.Return int written,
                @Advice.Thrown Throwable thrown) {
            if (depth == 0 && thrown == null) {
                NetCalls.channelWriteDone(channel, channel.isBlocking(), written, false);
            }
            NetCalls.CALLS.exit(depth);
        }
    }

    static final class GatheringWriteAdvice {
        private GatheringWriteAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.This SocketChannel channel) {
            int depth = NetCalls.CALLS.enter();
            if (depth == 0) {
                NetCalls.channelWrite(channel, channel.isBlocking(), -1);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth, @Advice.This SocketChannel channel, @Advice.Return long written,
                @Advice.Thrown Throwable thrown) {
            if (depth == 0 && thrown == null) {
                NetCalls.channelWriteDone(channel, channel.isBlocking(), written, false);
            }
            NetCalls.CALLS.exit(depth);
        }
    }

    static final class BlockingWriteAdvice {
        private BlockingWriteAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.This SocketChannel channel, @Advice.Argument(value = 2, readOnly = false) int len) {
            int depth = NetCalls.CALLS.enter();
            if (depth == 0) {
                len = NetCalls.channelWrite(channel, true, len);
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth, @Advice.This SocketChannel channel, @Advice.Argument(2) int len,
                @Advice.Thrown Throwable thrown) throws Throwable {
            Throwable reset = depth == 0 && thrown == null ? NetCalls.channelWriteDone(channel, true, len, true) : null;
            NetCalls.CALLS.exit(depth);
            if (reset != null) {
                throw reset;
            }
        }
    }

    static final class CloseAdvice {
        private CloseAdvice() {
        }

        @Advice.OnMethodEnter
        static int enter(@Advice.This SocketChannel channel) {
            int depth = NetCalls.CALLS.enter();
            if (depth == 0) {
                NetCalls.channelClose(channel, channel.isBlocking());
            }
            return depth;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.Enter int depth) {
            NetCalls.CALLS.exit(depth);
        }
    }
}
