package dev.chaosmonkey.agent.bootstrap;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What the net point knows of one TCP connection: the remote end as the socket knows it (computed once per
 * connection, only while a net rule is armed) and, per direction, the connection fault a rule left on it.
 */
final class NetConnection {
    /** The remote host name as given to the socket, else the literal address. */
    final String host;
    /** The literal remote address, {@code null} when unresolved. */
    final String address;
    final int port;
    /**
     * The fault that reset this connection, {@code null} while it is not reset. A reset connection stays open (the
     * client closes it, as after a real RST, so event loops see it go inactive) but every later read and write fails.
     */
    volatile FiredFault resetBy;
    final Direction reads = new Direction();
    final Direction writes = new Direction();

    private NetConnection(String host, String address, int port) {
        this.host = host;
        this.address = address;
        this.port = port;
    }

    /** The remote end of a connect (never a reverse lookup: {@code getHostString}). */
    static NetConnection of(InetSocketAddress remote) {
        InetAddress a = remote.getAddress();
        return new NetConnection(remote.getHostString(), a == null ? null : a.getHostAddress(), remote.getPort());
    }

    /** The remote end of a connected socket: the name its address carries, if any, without a lookup. */
    static NetConnection of(InetAddress remote, int port) {
        String literal = remote.getHostAddress();
        // InetAddress.toString() is "name/literal" or "/literal" and never resolves (getHostName() might)
        String shown = remote.toString();
        int slash = shown.indexOf('/');
        return new NetConnection(slash > 0 ? shown.substring(0, slash) : literal, literal, port);
    }

    /** The direction an operation moves bytes in; {@code null} for connect and close. */
    Direction direction(String operation) {
        if (operation == NetCalls.READ) {
            return reads;
        }
        return operation == NetCalls.WRITE ? writes : null;
    }

    /**
     * One direction's connection fault: the rule's fired fault (reset, bandwidth or stall), the bytes moved since it
     * fired and when. Guarded by its own monitor; holds happen outside it.
     */
    static final class Direction {
        FiredFault fault;
        long bytes;
        long sinceNanos;
        /** When a stall began (0: not stalling yet). */
        long stallSince;

        synchronized FiredFault current() {
            FiredFault f = fault;
            if (f != null && !f.acting()) {
                fault = null;
                return null;
            }
            return f;
        }

        synchronized void start(FiredFault f) {
            fault = f;
            bytes = 0;
            sinceNanos = System.nanoTime();
            stallSince = 0;
        }

        synchronized void end(FiredFault f) {
            if (fault == f) {
                fault = null;
            }
        }

        synchronized long moved(long n) {
            if (n > 0) {
                bytes += n;
            }
            return bytes;
        }

        synchronized long bytes() {
            return bytes;
        }

        synchronized long stallStart(long now) {
            if (stallSince == 0) {
                stallSince = now;
            }
            return stallSince;
        }
    }
}
