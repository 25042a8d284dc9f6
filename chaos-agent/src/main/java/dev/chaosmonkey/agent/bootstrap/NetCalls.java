package dev.chaosmonkey.agent.bootstrap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TCP operations on the {@code net} point, for {@code java.net.Socket} (its connect, close and stream reads and
 * writes) and NIO {@code SocketChannel} (connect, reads, writes, close; blocking and non-blocking). One decision per
 * call of the outermost woven method; a connection fault (reset after N bytes, bandwidth, stall) that fired stays on
 * its connection and direction, shaping the later calls without deciding again, until the connection ends or its
 * rule stops acting.
 *
 * <p>Never affected: calls of the chaos machinery and of JMX/RMI (threads named {@code chaos-*}, {@code RMI *},
 * {@code JMX *} and the attach listener), which is how the CLI's connector stays usable under a rule that matches
 * everything; and calls made while deciding (the call depth), so chaos-core's own logging or event listeners that
 * write to a socket never recurse.
 *
 * <p>Non-blocking channels (event loops: Netty, the JDK {@code HttpClient}) get only the faults that do not wait:
 * exceptions and resets. A delay, timeout, bandwidth or stall would hold the event-loop thread and with it every
 * other connection it serves; such a rule is logged once and the call proceeds.
 */
public final class NetCalls {
    /** Every net operation on this thread: one depth, so the connect of an SSL socket decides once. */
    public static final ChaosCall CALLS = new ChaosCall("net", ChaosBridge.NET);
    static final String CONNECT = "connect";
    static final String READ = "read";
    static final String WRITE = "write";
    static final String CLOSE = "close";
    private static final String RESET_CLASS = "java.net.SocketException";
    /** The most a bandwidth-limited read delivers in one call: a tenth of a second's worth. */
    private static final int PACING_SLICES_PER_SECOND = 10;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Connections seen while a net rule was armed (the remote end is computed once per connection). */
    private static final WeakStore<NetConnection> CONNECTIONS = new WeakStore<>();
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private NetCalls() {
    }

    // ---- java.net.Socket --------------------------------------------------------------------------------------

    /** {@code Socket.connect(endpoint, timeout)}; throws the injected failure (the socket then closed). */
    public static void socketConnect(Socket socket, SocketAddress endpoint, int timeoutMillis) {
        NetConnection c;
        try {
            if (machinery() || !(endpoint instanceof InetSocketAddress)) {
                return;
            }
            c = NetConnection.of((InetSocketAddress) endpoint);
            CONNECTIONS.put(socket, c);
        } catch (Throwable t) {
            CALLS.internalError(t);
            return;
        }
        before(socket, c, CONNECT, 0, true, timeoutMillis * 1_000_000L, false);
    }

    /** {@code read(b, off, len)} of a socket's input stream: the length to read (capped by a connection fault). */
    public static int socketRead(Socket socket, int len) {
        NetConnection c = connection(socket);
        return c == null ? len : before(socket, c, READ, len, true, -1, true);
    }

    /** After a socket read of {@code n} bytes (-1: end of stream or failure): bandwidth pacing. */
    public static void socketReadDone(Socket socket, int n) {
        after(socket, READ, n, true, false);
    }

    /** {@code write(b, off, len)} of a socket's output stream: the length to write (capped before a reset). */
    public static int socketWrite(Socket socket, int len) {
        NetConnection c = connection(socket);
        return c == null ? len : before(socket, c, WRITE, len, true, 0, true);
    }

    /** After a socket write of {@code written} bytes: the reset to throw when it reached a reset's byte count. */
    public static Throwable socketWriteDone(Socket socket, int written) {
        return after(socket, WRITE, written, true, true);
    }

    /** {@code Socket.close()}: slow close (delay), abortive close (reset), or a failing close. */
    public static void socketClose(Socket socket) {
        // closing a closed socket does nothing: not a close to decide (clients often close twice)
        NetConnection c = socket.isClosed() ? null : connection(socket);
        if (c != null) {
            before(socket, c, CLOSE, 0, true, 0, false);
        }
    }

    // ---- java.nio.channels.SocketChannel ----------------------------------------------------------------------

    /** {@code SocketChannel.connect(remote)} (blocking or not) and the socket adaptor's blocking connect. */
    public static void channelConnect(SocketChannel channel, SocketAddress remote, boolean blocking,
            long timeoutNanos) {
        NetConnection c;
        try {
            if (machinery() || !(remote instanceof InetSocketAddress)) {
                return;
            }
            c = NetConnection.of((InetSocketAddress) remote);
            CONNECTIONS.put(channel, c);
        } catch (Throwable t) {
            CALLS.internalError(t);
            return;
        }
        before(channel, c, CONNECT, 0, blocking, timeoutNanos, false);
    }

    /** A channel read ({@code read(ByteBuffer)}, scattering reads); {@code len} -1 when it cannot be capped. */
    public static int channelRead(SocketChannel channel, boolean blocking, int len, long timeoutNanos) {
        NetConnection c = connection(channel);
        return c == null ? len : before(channel, c, READ, len, blocking, timeoutNanos, len >= 0);
    }

    /** After a channel read of {@code n} bytes. */
    public static void channelReadDone(SocketChannel channel, boolean blocking, long n) {
        after(channel, READ, n, blocking, false);
    }

    /** A channel write; {@code len} -1 when it cannot be capped. */
    public static int channelWrite(SocketChannel channel, boolean blocking, int len) {
        NetConnection c = connection(channel);
        return c == null ? len : before(channel, c, WRITE, len, blocking, 0, len >= 0);
    }

    /** After a channel write of {@code n} bytes; {@code exact} when the write was capped before a reset. */
    public static Throwable channelWriteDone(SocketChannel channel, boolean blocking, long n, boolean exact) {
        return after(channel, WRITE, n, blocking, exact);
    }

    /** A channel's close (blocking or not). */
    public static void channelClose(SocketChannel channel, boolean blocking) {
        NetConnection c = connection(channel);
        if (c != null) {
            before(channel, c, CLOSE, 0, blocking, 0, false);
        }
    }

    // ---- shared ----------------------------------------------------------------------------------------------

    /** The connection of a socket or channel; {@code null} when the call is not decided (machinery, not TCP). */
    private static NetConnection connection(Object target) {
        try {
            if (machinery()) {
                return null;
            }
            NetConnection c = CONNECTIONS.get(target);
            if (c != null) {
                return c;
            }
            if (target instanceof Socket) {
                Socket s = (Socket) target;
                InetAddress remote = s.getInetAddress();
                if (remote == null) {
                    return null;
                }
                c = NetConnection.of(remote, s.getPort());
            } else {
                SocketAddress remote = ((SocketChannel) target).getRemoteAddress();
                if (!(remote instanceof InetSocketAddress)) {
                    return null;
                }
                c = NetConnection.of((InetSocketAddress) remote);
            }
            CONNECTIONS.put(target, c);
            return c;
        } catch (java.io.IOException e) {
            // closed: the call fails on its own
            return null;
        } catch (Throwable t) {
            CALLS.internalError(t);
            return null;
        }
    }

    /** Whether the current thread belongs to the chaos machinery or to JMX/RMI, which chaos never affects. */
    static boolean machinery() {
        String name = Thread.currentThread().getName();
        return name.startsWith("chaos-") || name.startsWith("RMI ") || name.startsWith("JMX ")
                || name.equals("Attach Listener");
    }

    /**
     * Before an operation: applies the connection fault left on its direction, or decides. Returns the length the
     * call may move ({@code len} unless a connection fault caps it); throws the injected failure, leaving the call
     * first.
     */
    private static int before(Object target, NetConnection c, String op, int len, boolean blocking,
            long timeoutNanos, boolean exact) {
        Throwable failure;
        int allowed = len;
        try {
            NetConnection.Direction d = c.direction(op);
            FiredFault resetBy = c.resetBy;
            if (resetBy != null && d != null) {
                // reset before: every read and write fails again, without another decision
                throw new InjectedFailure(connectionReset(resetBy));
            }
            FiredFault shaping = d == null ? null : d.current();
            if (shaping != null) {
                return shape(target, c, d, shaping, op, len, blocking, timeoutNanos, exact);
            }
            FiredFault fault = ChaosBridge.state().decideNet(c.host, c.address, op, c.port);
            if (fault == null) {
                return len;
            }
            failure = null;
            switch (fault.kind()) {
                case FiredFault.EXCEPTION:
                    failure = fault.newThrowable(null, op == CONNECT ? null : RESET_CLASS);
                    break;
                case FiredFault.TIMEOUT:
                    if (waits(fault, blocking)) {
                        failure = fault.hold(fault.delayNanos()) ? fault.newThrowable(null, null) : null;
                    }
                    break;
                case FiredFault.DELAY:
                    if (waits(fault, blocking)) {
                        failure = delay(target, fault, op, timeoutNanos);
                    }
                    break;
                case FiredFault.NET_RESET:
                    if (op == CLOSE) {
                        // a reset on close: the connection ends with an RST instead of a FIN
                        linger0(target);
                    } else if (op == CONNECT && fault.netBytes() > 0) {
                        c.reads.start(fault);
                        c.writes.start(fault);
                    } else if (d != null && fault.netBytes() > 0) {
                        d.start(fault);
                        allowed = shape(target, c, d, fault, op, len, blocking, timeoutNanos, exact);
                    } else if (op == CONNECT) {
                        failure = connectionReset(fault);
                    } else {
                        failure = reset(target, c, fault);
                    }
                    break;
                case FiredFault.NET_BANDWIDTH:
                case FiredFault.NET_STALL:
                    if (op == CLOSE || !waits(fault, blocking)) {
                        break;
                    }
                    if (op == CONNECT) {
                        c.reads.start(fault);
                        c.writes.start(fault);
                    } else {
                        d.start(fault);
                        allowed = shape(target, c, d, fault, op, len, blocking, timeoutNanos, exact);
                    }
                    break;
                default:
                    try {
                        fault.perform(null);
                    } catch (Throwable injected) {
                        failure = injected;
                    }
            }
        } catch (InjectedFailure f) {
            failure = f.failure;
        } catch (Throwable t) {
            CALLS.internalError(t);
            return len;
        }
        if (failure != null) {
            if (op == CONNECT) {
                closeQuietly(target);
            }
            CALLS.exit(0);
            throw ChaosCall.sneakyThrow(failure);
        }
        return allowed;
    }

    /**
     * A connection fault at work on one call: returns the length the call may move, throws {@link InjectedFailure}
     * for a reset or a stalled read's timeout.
     */
    private static int shape(Object target, NetConnection c, NetConnection.Direction d, FiredFault fault, String op,
            int len, boolean blocking, long timeoutNanos, boolean exact) {
        long moved = d.bytes();
        switch (fault.kind()) {
            case FiredFault.NET_RESET: {
                long left = fault.netBytes() - moved;
                if (left <= 0) {
                    d.end(fault);
                    throw new InjectedFailure(reset(target, c, fault));
                }
                return exact && len > left ? (int) left : len;
            }
            case FiredFault.NET_BANDWIDTH: {
                if (!blocking) {
                    return len;
                }
                long rate = fault.netBytes();
                if (op == WRITE && len > 0) {
                    // a write waits until the rate allows its bytes (its bytes are counted when it is done)
                    long due = d.sinceNanos + (moved + len) * NANOS_PER_SECOND / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0 && !fault.hold(wait)) {
                        d.end(fault);
                    }
                    return len;
                }
                long slice = Math.max(1, rate / PACING_SLICES_PER_SECOND);
                return exact && len > slice ? (int) slice : len;
            }
            case FiredFault.NET_STALL: {
                long left = fault.netBytes() - moved;
                if (left > 0) {
                    return exact && len > left ? (int) left : len;
                }
                if (!blocking) {
                    return len;
                }
                long now = System.nanoTime();
                long since = d.stallStart(now);
                long total = fault.stallNanos();
                long remaining = total == 0 ? Long.MAX_VALUE / 4 : since + total - now;
                if (remaining <= 0) {
                    d.end(fault);
                    return len;
                }
                long timeout = op == READ ? readTimeoutNanos(target, timeoutNanos) : 0;
                if (timeout > 0 && timeout < remaining) {
                    if (fault.hold(timeout)) {
                        throw new InjectedFailure(fault.label(new SocketTimeoutException("Read timed out")));
                    }
                    d.end(fault);
                    return len;
                }
                fault.hold(remaining);
                d.end(fault);
                return len;
            }
            default:
                return len;
        }
    }

    /**
     * After an operation moved {@code n} bytes: counts them for the direction's connection fault and paces a
     * bandwidth-limited read; returns the reset to throw when an exact (capped) write reached a reset's count.
     */
    private static Throwable after(Object target, String op, long n, boolean blocking, boolean exact) {
        try {
            NetConnection c = CONNECTIONS.get(target);
            NetConnection.Direction d = c == null ? null : c.direction(op);
            FiredFault fault = d == null ? null : d.current();
            if (fault == null) {
                return null;
            }
            long moved = d.moved(n);
            if (fault.kind() == FiredFault.NET_BANDWIDTH && op == READ && blocking && n > 0) {
                long wait = d.sinceNanos + moved * NANOS_PER_SECOND / fault.netBytes() - System.nanoTime();
                if (wait > 0 && !fault.hold(wait)) {
                    d.end(fault);
                }
            } else if (fault.kind() == FiredFault.NET_RESET && exact && op == WRITE && moved >= fault.netBytes()) {
                d.end(fault);
                return reset(target, c, fault);
            }
        } catch (Throwable t) {
            CALLS.internalError(t);
        }
        return null;
    }

    /** A delay; a read or connect delayed past its timeout fails as a real one would. */
    private static Throwable delay(Object target, FiredFault fault, String op, long timeoutNanos) {
        long delay = fault.delayNanos();
        long timeout = op == READ ? readTimeoutNanos(target, timeoutNanos) : op == CONNECT ? timeoutNanos : 0;
        if (timeout > 0 && delay > timeout) {
            if (!fault.hold(timeout)) {
                return null;
            }
            return fault.label(new SocketTimeoutException(op == READ ? "Read timed out" : "Connect timed out"));
        }
        fault.hold(delay);
        return null;
    }

    /** The read timeout: given (the adaptor's), or the socket's {@code SO_TIMEOUT}; 0 for none. */
    private static long readTimeoutNanos(Object target, long given) {
        if (given >= 0) {
            return given;
        }
        try {
            return target instanceof Socket ? ((Socket) target).getSoTimeout() * 1_000_000L : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** Whether a waiting fault applies: only to blocking calls (logged once per rule otherwise). */
    private static boolean waits(FiredFault fault, boolean blocking) {
        if (blocking) {
            return true;
        }
        if (WARNED.add(fault.ruleId())) {
            try {
                System.getLogger("dev.chaosmonkey").log(System.Logger.Level.WARNING, "chaos rule " + fault.ruleId()
                        + " holds calls, which on a non-blocking channel would hold an event-loop thread and every"
                        + " connection it serves: it does not apply to non-blocking calls (exception and reset faults"
                        + " do; logged once)");
            } catch (RuntimeException | LinkageError e) {
                // logging must never break the host application
            }
        }
        return false;
    }

    /**
     * Resets a connection as an RST from the peer would: {@code SO_LINGER} 0 (its close then sends an RST), every
     * later read and write fails, and the failure of this call. The connection is not closed here: the client closes
     * it on the failure, as it does after a real reset (Netty only reports a channel inactive that it closed itself).
     */
    private static Throwable reset(Object target, NetConnection c, FiredFault fault) {
        linger0(target);
        c.resetBy = fault;
        return connectionReset(fault);
    }

    /** What a read or write on a reset connection throws, labelled as injected by the rule that reset it. */
    private static Throwable connectionReset(FiredFault fault) {
        return fault.label(new java.net.SocketException("Connection reset"));
    }

    private static void linger0(Object target) {
        try {
            if (target instanceof Socket) {
                ((Socket) target).setSoLinger(true, 0);
            } else {
                ((SocketChannel) target).setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // already closed or not connected: nothing to abort
        }
    }

    private static void closeQuietly(Object target) {
        try {
            if (target instanceof Socket) {
                ((Socket) target).close();
            } else {
                ((SocketChannel) target).close();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // closing is best effort: the injected failure is what the caller sees
        }
    }

    /** Forgets per-connection state (the agent was detached). */
    public static void clear() {
        CONNECTIONS.clear();
    }

    /** Carries an injected failure out of {@link #shape}. */
    private static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Throwable failure;

        InjectedFailure(Throwable failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }
}
